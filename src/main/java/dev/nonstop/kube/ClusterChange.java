package dev.nonstop.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import org.springframework.core.ResolvableType;
import org.springframework.core.ResolvableTypeProvider;

/**
 * An informer saw an object appear, change or go. Published as a Spring event; listeners may ask for
 * one kind, e.g. {@code @EventListener void on(ClusterChange<Deployment> change)}.
 */
public record ClusterChange<T extends HasMetadata>(Type type, Class<T> kind, T object)
        implements ResolvableTypeProvider {

    @Override
    public ResolvableType getResolvableType() {
        return ResolvableType.forClassWithGenerics(ClusterChange.class, kind);
    }

    public enum Type {
        ADDED, UPDATED, DELETED
    }

    public String namespace() {
        return object.getMetadata().getNamespace() == null ? "" : object.getMetadata().getNamespace();
    }

    public String name() {
        return object.getMetadata().getName();
    }
}

package dev.nonstop.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.List;
import java.util.Optional;

/** A read-only view of one informer's cache: what the cluster holds of one kind, without asking it. */
public final class ClusterCache<T extends HasMetadata> {

    private final SharedIndexInformer<T> informer;

    ClusterCache(SharedIndexInformer<T> informer) {
        this.informer = informer;
    }

    public List<T> inNamespace(String namespace) {
        return informer.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace);
    }

    public Optional<T> get(String namespace, String name) {
        return Optional.ofNullable(informer.getIndexer().getByKey(Cache.namespaceKeyFunc(namespace, name)));
    }

    public List<T> all() {
        return informer.getIndexer().list();
    }

    public int size() {
        return informer.getIndexer().list().size();
    }

    public boolean hasSynced() {
        return informer.hasSynced();
    }
}

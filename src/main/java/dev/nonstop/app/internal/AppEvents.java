package dev.nonstop.app.internal;

import dev.nonstop.kube.ClusterChange;
import dev.nonstop.kube.KubeLabels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells open screens of a tenant which of its apps just changed in the cluster (a Deployment, pod or
 * PDB event), by app name. Screens re-read the app's card; bursts are coalesced on their side.
 */
@Component
public class AppEvents {

    private static final Logger log = LoggerFactory.getLogger(AppEvents.class);
    private final Map<String, Set<Consumer<String>>> listeners = new ConcurrentHashMap<>();
    private final Set<java.util.function.BiConsumer<String, String>> everywhere = ConcurrentHashMap.newKeySet();

    /** Hears every app change in every namespace (namespace, app name): the shared card computation. */
    void subscribeAll(java.util.function.BiConsumer<String, String> listener) {
        everywhere.add(listener);
    }

    /** Listens to the apps in one namespace; the listener gets the app name. Returns the undo. */
    public Runnable subscribe(String namespace, Consumer<String> listener) {
        listeners.computeIfAbsent(namespace, k -> ConcurrentHashMap.newKeySet()).add(listener);
        return () -> listeners.getOrDefault(namespace, Set.of()).remove(listener);
    }

    @EventListener
    void on(ClusterChange<?> change) {
        if (change.kind() != Deployment.class && change.kind() != Pod.class
                && change.kind() != PodDisruptionBudget.class) {
            return;
        }
        HasMetadata object = change.object();
        Map<String, String> labels = object.getMetadata().getLabels();
        if (labels == null || labels.get(KubeLabels.INSTANCE) == null) {
            return;
        }
        changed(change.namespace(), labels.get(KubeLabels.INSTANCE));
    }

    /** Something of an app changed that its card shows (the cluster, or its release's state). */
    public void changed(String namespace, String app) {
        everywhere.forEach(l -> l.accept(namespace, app));
        Set<Consumer<String>> targets = listeners.get(namespace);
        if (targets == null) {
            return;
        }
        for (Consumer<String> target : targets) {
            try {
                target.accept(app);
            } catch (RuntimeException e) {
                log.debug("app listener failed: {}", e.toString());
            }
        }
    }
}

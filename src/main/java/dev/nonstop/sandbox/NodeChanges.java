package dev.nonstop.sandbox;

import dev.nonstop.kube.ClusterChange;
import io.fabric8.kubernetes.api.model.Node;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells open fault pages that a node changed (NotReady, Ready again, tainted), from the node informer. */
@Component
class NodeChanges {

    private final Set<Runnable> listeners = ConcurrentHashMap.newKeySet();

    Runnable subscribe(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @EventListener
    void on(ClusterChange<?> change) {
        if (change.kind() == Node.class) {
            listeners.forEach(Runnable::run);
        }
    }
}

package dev.nonstop.tenant.internal;

import dev.nonstop.kube.ClusterChange;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells open screens that a tenant's quota usage changed, from the quota informer (no polling). */
@Component
public class UsageNotifier {

    /** Listeners of every tenant (the admin's list). */
    public static final String ALL = "*";
    private static final Logger log = LoggerFactory.getLogger(UsageNotifier.class);

    private final Map<String, Set<Runnable>> listeners = new ConcurrentHashMap<>();

    /** Calls {@code listener} whenever the quota in {@code namespace} (or {@link #ALL}) changes; returns the undo. */
    public Runnable subscribe(String namespace, Runnable listener) {
        listeners.computeIfAbsent(namespace, k -> ConcurrentHashMap.newKeySet()).add(listener);
        return () -> listeners.getOrDefault(namespace, Set.of()).remove(listener);
    }

    @EventListener
    void on(ClusterChange<ResourceQuota> change) {
        notify(listeners.getOrDefault(change.namespace(), Set.of()));
        notify(listeners.getOrDefault(ALL, Set.of()));
    }

    private static void notify(Set<Runnable> targets) {
        for (Runnable target : targets) {
            try {
                target.run();
            } catch (RuntimeException e) {
                log.debug("usage listener failed: {}", e.toString());
            }
        }
    }
}

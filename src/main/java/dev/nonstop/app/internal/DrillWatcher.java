package dev.nonstop.app.internal;

import dev.nonstop.common.KeyedWork;
import dev.nonstop.kube.ClusterChange;
import dev.nonstop.kube.InformerRegistry;
import dev.nonstop.kube.KubeLabels;
import dev.nonstop.kube.NodeFaults;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Follows running failover drills through the pod informer: each change of the app's pods is a new
 * count of ready replicas, kept in the drill's timeline until the app is back to full strength (then a
 * failed node is recovered), or ten minutes pass.
 */
@Component
public class DrillWatcher implements AutoCloseable {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DrillWatcher.class);

    static final Duration GIVE_UP = Duration.ofMinutes(10);
    /** A zone stays away as long as the admin keeps it away; its drill rows wait longer. */
    static final Duration GIVE_UP_ZONE = Duration.ofMinutes(60);

    /**
     * A drill in progress: its row, where the app lives, the node to recover afterwards, and for a row of
     * a zone-loss drill, that drill.
     */
    record Active(long drillId, String namespace, String app, String failedNode, long startedNanos,
                  @org.jspecify.annotations.Nullable Long zoneDrillId) {
    }

    private final Map<Long, Active> active = new ConcurrentHashMap<>();
    /** What each drill last wrote: a pod event that leaves it unchanged needs no database work. */
    private final Map<Long, String> lastSeen = new ConcurrentHashMap<>();
    private final java.util.List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    // observed off the informer's thread, which every card and reconciler waits on
    private final KeyedWork<Long> observations = new KeyedWork<>("failover-drills", 1, this::observe,
            e -> log.warn("Failover drill not updated: {}", e.toString()));
    private final DrillRepository drills;
    private final ZoneDrillRepository zoneDrills;
    private final InformerRegistry informers;
    private final ObjectProvider<NodeFaults> nodeFaults;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final AppEvents events;

    DrillWatcher(DrillRepository drills, ZoneDrillRepository zoneDrills, InformerRegistry informers,
                 ObjectProvider<NodeFaults> nodeFaults, TransactionTemplate tx, Clock clock, AppEvents events) {
        this.drills = drills;
        this.zoneDrills = zoneDrills;
        this.informers = informers;
        this.nodeFaults = nodeFaults;
        this.tx = tx;
        this.clock = clock;
        this.events = events;
    }

    public void follow(long drillId, String namespace, String app, String failedNode) {
        active.put(drillId, new Active(drillId, namespace, app, failedNode, System.nanoTime(), null));
    }

    /** Follows one app's row of a zone-loss drill (the zone comes back when the admin restores it). */
    public void followZone(long drillId, long zoneDrillId, String namespace, String app) {
        active.put(drillId, new Active(drillId, namespace, app, "", System.nanoTime(), zoneDrillId));
        observations.submit(drillId);
    }

    /** Looks at every row of a zone drill again (its zone was restored: no pod needs to change for that). */
    public void zoneChanged(long zoneDrillId) {
        active.values().stream().filter(a -> Long.valueOf(zoneDrillId).equals(a.zoneDrillId()))
                .forEach(a -> observations.submit(a.drillId()));
    }

    /** Calls {@code listener} whenever a drill's timeline moved; run the result to stop. */
    public Runnable subscribe(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public boolean running(String namespace, String app) {
        return active.values().stream().anyMatch(a -> a.namespace().equals(namespace) && a.app().equals(app));
    }

    @EventListener
    void on(ClusterChange<?> change) {
        if (active.isEmpty() || change.kind() != Pod.class) {
            return;
        }
        Map<String, String> labels = change.object().getMetadata().getLabels();
        String app = labels == null ? null : labels.get(KubeLabels.INSTANCE);
        for (Active drill : active.values()) {
            if (drill.namespace().equals(change.namespace()) && drill.app().equals(app)) {
                observations.submit(drill.drillId());
            }
        }
    }

    private void observe(long drillId) {
        Active drill = active.get(drillId);
        if (drill == null) {
            return;
        }
        java.util.List<Pod> readyPods = informers.managed(Pod.class).inNamespace(drill.namespace()).stream()
                .filter(p -> p.getMetadata().getLabels() != null
                        && drill.app().equals(p.getMetadata().getLabels().get(KubeLabels.INSTANCE)))
                .filter(DrillWatcher::isReady).toList();
        int ready = readyPods.size();
        int zones = (int) readyPods.stream().map(p -> p.getSpec().getNodeName()).filter(Objects::nonNull)
                .map(node -> informers.cluster(io.fabric8.kubernetes.api.model.Node.class).get("", node)
                        .map(n -> n.getMetadata().getLabels().get("topology.kubernetes.io/zone")).orElse(null))
                .filter(Objects::nonNull).distinct().count();
        boolean zoneRestored = drill.zoneDrillId() != null && Boolean.TRUE.equals(tx.execute(status -> zoneDrills
                .findById(drill.zoneDrillId()).map(z -> z.restoredAt() != null).orElse(true)));
        boolean timedOut = System.nanoTime() - drill.startedNanos()
                > (drill.zoneDrillId() == null ? GIVE_UP : GIVE_UP_ZONE).toNanos();
        String seen = ready + "/" + zones + "/" + zoneRestored;
        if (seen.equals(lastSeen.get(drillId)) && !timedOut) {
            return;
        }
        // no row yet (its transaction has not committed): nothing is noted, the next event tries again
        Optional<Boolean> done = Objects.requireNonNull(tx.execute(status -> drills.findById(drill.drillId())
                .map(entity -> {
                    boolean finished = drill.zoneDrillId() == null ? entity.observe(ready, clock.instant())
                            : entity.observeZone(ready, zones, zoneRestored, clock.instant());
                    if (!finished && timedOut) {
                        entity.giveUp();
                        finished = true;
                    }
                    return finished;
                })));
        done.ifPresent(finished -> lastSeen.put(drillId, seen));
        if (done.isPresent()) {
            listeners.forEach(Runnable::run);
        }
        if (done.orElse(false) && active.remove(drill.drillId()) != null) {
            lastSeen.remove(drillId);
            if (!drill.failedNode().isEmpty()) {
                nodeFaults.orderedStream().filter(NodeFaults::available).findFirst()
                        .ifPresent(f -> f.recoverNode(drill.failedNode()));
            }
            events.changed(drill.namespace(), drill.app());
        }
    }

    static boolean isReady(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() == null && pod.getStatus() != null
                && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    @Override
    public void close() {
        observations.close();
    }
}

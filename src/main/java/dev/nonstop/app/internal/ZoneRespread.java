package dev.nonstop.app.internal;

import dev.nonstop.audit.AuditLog;
import dev.nonstop.common.KeyedWork;
import dev.nonstop.kube.ClusterChange;
import dev.nonstop.kube.InformerRegistry;
import dev.nonstop.kube.KubeLabels;
import dev.nonstop.tenant.TenantDirectory;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * After a zone outage, spreads apps that promise zones over zones again. During the outage their
 * replicas filled the surviving zone (taints honoured); Kubernetes never moves running pods back by
 * itself, so when two zones can take pods again, an app whose ready replicas all sit in one zone gets a
 * rolling restart: its new replicas are placed by the zone spread, one at a time, without downtime.
 */
@Component
class ZoneRespread implements AutoCloseable {

    static final String ZONE = "topology.kubernetes.io/zone";
    /**
     * One rolling restart per app at most this often while the set of usable zones stays the same (nodes
     * flapping inside a zone); a zone that comes back after being lost may always trigger one.
     */
    static final Duration AT_MOST_EVERY = Duration.ofMinutes(2);
    private static final Logger log = LoggerFactory.getLogger(ZoneRespread.class);

    private final InformerRegistry informers;
    private final AppRepository apps;
    private final TenantDirectory tenants;
    private final AppReconciler reconciler;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;
    /** When each app was last restarted to spread, and in which generation of usable zones. */
    private record Respread(Instant at, long zoneGeneration) {
    }

    private final Map<Long, Respread> lastRespread = new ConcurrentHashMap<>();
    /** Counts changes of the set of usable zones (a zone lost, a zone back). */
    private final java.util.concurrent.atomic.AtomicLong zoneGeneration = new java.util.concurrent.atomic.AtomicLong();
    private volatile Set<String> lastUsable = Set.of();
    /** How long after the usable zones changed an ended rollout still triggers a look. */
    static final Duration WATCH_AFTER_NODE_CHANGE = Duration.ofMinutes(15);
    static final String EVERY_APP = "*";
    private volatile long watchingUntil = System.nanoTime();
    private final KeyedWork<String> checks = new KeyedWork<>("zone-respread", 1, this::check,
            e -> log.warn("Zone respread check failed: {}", e.toString()));

    ZoneRespread(InformerRegistry informers, AppRepository apps, TenantDirectory tenants, AppReconciler reconciler,
                 AuditLog audit, TransactionTemplate tx, Clock clock) {
        this.informers = informers;
        this.apps = apps;
        this.tenants = tenants;
        this.reconciler = reconciler;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        informers.cluster(Node.class);
    }

    /**
     * Only a change of the set of usable zones (a zone lost, a zone back) looks at every app; for a while
     * after it, a Deployment whose rollout ended looks at that app alone (it was still rolling out when
     * its zone came back). Node heartbeats and app changes at other times cost nothing here: with 10,000
     * apps a look at every app on every node update kept a core busy.
     */
    @EventListener
    void on(ClusterChange<?> change) {
        if (change.kind() == Node.class) {
            Set<String> usable = usableZones();
            if (!usable.equals(lastUsable)) {
                lastUsable = usable;
                zoneGeneration.incrementAndGet();
                watchingUntil = System.nanoTime() + WATCH_AFTER_NODE_CHANGE.toNanos();
                checks.submit(EVERY_APP);
            }
        } else if (change.kind() == Deployment.class && System.nanoTime() < watchingUntil) {
            checks.submit(change.object().getMetadata().getNamespace() + "/" + change.object().getMetadata().getName());
        }
    }

    private Set<String> usableZones() {
        return informers.cluster(Node.class).all().stream().filter(ZoneRespread::usable)
                .map(n -> n.getMetadata().getLabels().get(ZONE)).filter(Objects::nonNull).collect(Collectors.toSet());
    }

    /** Looks at one app ("namespace/name") or, for {@link #EVERY_APP}, at all of them. */
    private void check(String which) {
        if (lastUsable.size() < 2) {
            return;
        }
        Map<String, String> zoneOfNode = informers.cluster(Node.class).all().stream()
                .filter(n -> n.getMetadata().getLabels() != null && n.getMetadata().getLabels().get(ZONE) != null)
                .collect(Collectors.toMap(n -> n.getMetadata().getName(), n -> n.getMetadata().getLabels().get(ZONE),
                        (a, b) -> a));
        var deployments = informers.managed(Deployment.class);
        List<Deployment> looked = EVERY_APP.equals(which) ? deployments.all()
                : deployments.get(which.substring(0, which.indexOf('/')), which.substring(which.indexOf('/') + 1))
                .map(List::of).orElse(List.of());
        for (Deployment deployment : looked) {
            if (!promisesZones(deployment) || rollingOut(deployment)) {
                continue;
            }
            String app = deployment.getMetadata().getLabels() == null ? null
                    : deployment.getMetadata().getLabels().get(KubeLabels.INSTANCE);
            String tenant = deployment.getMetadata().getLabels() == null ? null
                    : deployment.getMetadata().getLabels().get(KubeLabels.TENANT);
            if (app == null || tenant == null) {
                continue;
            }
            var ready = informers.managed(Pod.class).inNamespace(deployment.getMetadata().getNamespace()).stream()
                    .filter(p -> p.getMetadata().getLabels() != null
                            && app.equals(p.getMetadata().getLabels().get(KubeLabels.INSTANCE)))
                    .filter(ZoneRespread::ready).toList();
            long zones = ready.stream().map(p -> zoneOfNode.get(p.getSpec().getNodeName())).filter(Objects::nonNull)
                    .distinct().count();
            if (ready.size() >= 2 && zones < 2) {
                respread(tenant, app);
            }
        }
    }

    private void respread(String tenant, String name) {
        Instant now = clock.instant();
        long generation = zoneGeneration.get();
        tx.executeWithoutResult(status -> tenants.idOf(tenant).flatMap(id -> apps.findByTenantIdAndName(id, name))
                .ifPresent(app -> {
                    Respread last = lastRespread.get(app.id());
                    if (last != null && last.zoneGeneration() == generation && last.at().plus(AT_MOST_EVERY).isAfter(now)) {
                        return;
                    }
                    lastRespread.put(app.id(), new Respread(now, generation));
                    app.restart(now);
                    audit.recordAs("nonstop", tenant, "app.respread", name + " runs in one zone while two can take "
                            + "it again: rolling restart to spread it over zones");
                    log.info("Spreading {}/{} over zones again (rolling restart)", tenant, name);
                    long id = app.id();
                    org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                            new org.springframework.transaction.support.TransactionSynchronization() {
                                @Override
                                public void afterCommit() {
                                    reconciler.enqueue(id);
                                }
                            });
                }));
    }

    /** A hard zone spread: the tier promises zones. */
    static boolean promisesZones(Deployment deployment) {
        var constraints = deployment.getSpec().getTemplate().getSpec().getTopologySpreadConstraints();
        return constraints != null && constraints.stream().anyMatch(c -> ZONE.equals(c.getTopologyKey())
                && "DoNotSchedule".equals(c.getWhenUnsatisfiable()));
    }

    static boolean rollingOut(Deployment deployment) {
        var status = deployment.getStatus();
        Integer want = deployment.getSpec().getReplicas();
        return status == null || want == null || want == 0 || status.getObservedGeneration() == null
                || status.getObservedGeneration() < deployment.getMetadata().getGeneration()
                || !Objects.equals(status.getUpdatedReplicas(), want) || !Objects.equals(status.getReplicas(), want);
    }

    static boolean usable(Node node) {
        boolean ready = node.getStatus() != null && node.getStatus().getConditions() != null && node.getStatus()
                .getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        boolean tainted = node.getSpec() != null && node.getSpec().getTaints() != null && node.getSpec().getTaints()
                .stream().anyMatch(t -> "NoSchedule".equals(t.getEffect()) || "NoExecute".equals(t.getEffect()));
        boolean cordoned = node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable());
        return ready && !tainted && !cordoned && node.getMetadata().getLabels() != null;
    }

    static boolean ready(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() == null && pod.getStatus() != null
                && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    @Override
    public void close() {
        checks.close();
    }
}

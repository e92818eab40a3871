package dev.nonstop.metrics.internal;

import dev.nonstop.common.TenantSlug;
import dev.nonstop.kube.ClusterCache;
import dev.nonstop.kube.KubeLabels;
import dev.nonstop.metrics.Alert;
import dev.nonstop.metrics.Alert.StateKind;
import dev.nonstop.tenant.QuotaUsage;
import dev.nonstop.tenant.TenantDirectory;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The alerts the portal finds in the cluster's state, with no Prometheus: a replica crash looping, fewer
 * than two replicas ready for over a minute, a stalled rollout, a quota resource 80 % used. Each
 * evaluation reads the informer caches (never the API), opens what is newly wrong and resolves what is
 * no longer wrong. "For over a minute" only delays opening; an open alert resolves as soon as its
 * condition is gone, as a Prometheus rule's does.
 */
public final class StateAlerts {

    static final Duration NOT_REDUNDANT_FOR = Duration.ofMinutes(1);
    static final int QUOTA_PERCENT = 80;

    private final ClusterCache<Deployment> deployments;
    private final ClusterCache<Pod> pods;
    private final ClusterCache<ResourceQuota> quotas;
    private final TenantDirectory tenants;
    private final AlertBook book;
    /** Apps seen with too few ready replicas, and since when (namespace/app). */
    private final Map<String, Instant> notRedundantSince = new ConcurrentHashMap<>();
    private final Map<String, Long> tenantIds = new ConcurrentHashMap<>();

    public StateAlerts(ClusterCache<Deployment> deployments, ClusterCache<Pod> pods, ClusterCache<ResourceQuota> quotas,
                       TenantDirectory tenants, AlertBook book) {
        this.deployments = deployments;
        this.pods = pods;
        this.quotas = quotas;
        this.tenants = tenants;
        this.book = book;
    }

    private record Finding(long tenantId, @Nullable String app, StateKind kind, Alert.Severity severity,
                           String detail) {
    }

    /** One evaluation as of {@code now}: opens and resolves state alerts. Returns how many are open after it. */
    public synchronized int evaluate(Instant now) {
        Map<String, Finding> found = new HashMap<>();
        Set<String> stillShort = new HashSet<>();
        for (Deployment d : deployments.all()) {
            String namespace = d.getMetadata().getNamespace();
            String app = label(d.getMetadata().getLabels(), KubeLabels.INSTANCE);
            Optional<Long> tenant = tenantOf(namespace);
            if (app == null || tenant.isEmpty()) {
                continue;
            }
            int desired = d.getSpec() == null || d.getSpec().getReplicas() == null ? 0 : d.getSpec().getReplicas();
            int ready = d.getStatus() == null || d.getStatus().getReadyReplicas() == null ? 0
                    : d.getStatus().getReadyReplicas();
            String key = namespace + "/" + app;
            if (desired > 0 && ready < Math.min(2, desired)) {
                stillShort.add(key);
                Instant since = notRedundantSince.computeIfAbsent(key, k -> now);
                if (!now.isBefore(since.plus(NOT_REDUNDANT_FOR))) {
                    found.put(AlertBook.fingerprint("STATE", namespace, app, StateKind.NOT_REDUNDANT),
                            new Finding(tenant.get(), app, StateKind.NOT_REDUNDANT,
                                    ready == 0 ? Alert.Severity.CRITICAL : Alert.Severity.WARNING,
                                    AlertEntity.args(ready, desired)));
                }
            }
            if (stalled(d)) {
                found.put(AlertBook.fingerprint("STATE", namespace, app, StateKind.ROLLOUT_STALLED),
                        new Finding(tenant.get(), app, StateKind.ROLLOUT_STALLED, Alert.Severity.WARNING,
                                AlertEntity.args()));
            }
        }
        notRedundantSince.keySet().retainAll(stillShort);
        for (Pod pod : pods.all()) {
            String namespace = pod.getMetadata().getNamespace();
            String app = label(pod.getMetadata().getLabels(), KubeLabels.INSTANCE);
            if (app == null || !crashLooping(pod)) {
                continue;
            }
            Optional<Long> tenant = tenantOf(namespace);
            if (tenant.isPresent()) {
                found.putIfAbsent(AlertBook.fingerprint("STATE", namespace, app, StateKind.CRASH_LOOP),
                        new Finding(tenant.get(), app, StateKind.CRASH_LOOP, Alert.Severity.CRITICAL,
                                AlertEntity.args(pod.getMetadata().getName())));
            }
        }
        for (ResourceQuota quota : quotas.all()) {
            String namespace = quota.getMetadata().getNamespace();
            Optional<Long> tenant = tenantOf(namespace);
            if (tenant.isEmpty()) {
                continue;
            }
            for (QuotaUsage use : tenants.usage(new TenantSlug(namespace.substring(2)))) {
                if (use.hardAmount().signum() > 0 && use.percent() >= QUOTA_PERCENT) {
                    String[] shown = use.shown();
                    found.put(AlertBook.fingerprint("STATE", namespace, "", StateKind.QUOTA_NEAR, use.resource()),
                            new Finding(tenant.get(), null, StateKind.QUOTA_NEAR, Alert.Severity.INFO,
                                    AlertEntity.args(use.resource(), use.percent(), shown[0], shown[1])));
                }
            }
        }
        // one read of what is open; only what changed is written
        Set<String> open = new HashSet<>();
        for (AlertEntity alert : book.openFrom(Alert.Source.STATE)) {
            open.add(alert.fingerprint());
            if (!found.containsKey(alert.fingerprint())) {
                book.resolve(alert.fingerprint(), now);
            }
        }
        for (var entry : found.entrySet()) {
            Finding f = entry.getValue();
            if (!open.contains(entry.getKey())) {
                book.open(f.tenantId(), f.app(), Alert.Source.STATE, f.kind().name(), f.severity(), entry.getKey(),
                        f.detail(), now);
            }
        }
        return found.size();
    }

    private Optional<Long> tenantOf(@Nullable String namespace) {
        if (namespace == null || !namespace.startsWith("t-")) {
            return Optional.empty();
        }
        Long known = tenantIds.get(namespace);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Long> id = tenants.idOf(namespace.substring(2));
        id.ifPresent(value -> tenantIds.put(namespace, value));
        return id;
    }

    private static boolean stalled(Deployment d) {
        List<DeploymentCondition> conditions = d.getStatus() == null ? null : d.getStatus().getConditions();
        return conditions != null && conditions.stream().anyMatch(c -> "Progressing".equals(c.getType())
                && "False".equals(c.getStatus()) && "ProgressDeadlineExceeded".equals(c.getReason()));
    }

    private static boolean crashLooping(Pod pod) {
        List<ContainerStatus> statuses = pod.getStatus() == null ? null : pod.getStatus().getContainerStatuses();
        return pod.getMetadata().getDeletionTimestamp() == null && statuses != null && statuses.stream().anyMatch(
                s -> s.getState() != null && s.getState().getWaiting() != null
                        && "CrashLoopBackOff".equals(s.getState().getWaiting().getReason()));
    }

    private static @Nullable String label(@Nullable Map<String, String> labels, String key) {
        return labels == null ? null : labels.get(key);
    }
}

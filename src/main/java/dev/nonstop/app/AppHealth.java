package dev.nonstop.app;

import dev.nonstop.app.AppStatus.Missing;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Reads an app's state and resilience from what the cluster holds: its Deployment, its pods, the zone
 * of each node, and whether its PodDisruptionBudget exists. Pure, so each rule is tested on its own.
 */
public final class AppHealth {

    private AppHealth() {
    }

    public static AppStatus of(App app, @Nullable Release release, String url, @Nullable Deployment deployment,
                               List<Pod> pods, Map<String, String> zoneOfNode, boolean pdb, boolean zonesPromised) {
        int desired = app.stopped() ? 0 : app.replicas();
        List<Pod> ready = pods.stream().filter(AppHealth::isReady).toList();
        int updated = deployment == null || deployment.getStatus() == null
                || deployment.getStatus().getUpdatedReplicas() == null ? 0 : deployment.getStatus().getUpdatedReplicas();
        boolean rollingOut = release != null && release.status() == Release.Status.ROLLING_OUT;
        AppStatus.State state;
        if (app.stopped()) {
            state = AppStatus.State.STOPPED;
        } else if (release == null || (release.status() == Release.Status.ROLLED_BACK) || (ready.isEmpty()
                && !rollingOut)) {
            state = AppStatus.State.FAILED;
        } else if (rollingOut || updated < desired) {
            state = AppStatus.State.DEPLOYING;
        } else if (ready.size() < desired) {
            state = AppStatus.State.DEGRADED;
        } else {
            state = AppStatus.State.RUNNING;
        }
        List<Missing> missing = new ArrayList<>();
        if (!app.stopped()) {
            if (ready.size() < 2) {
                missing.add(new Missing("app.resilience.replicas", ready.size()));
            }
            Set<String> nodes = ready.stream().map(p -> p.getSpec().getNodeName()).filter(Objects::nonNull)
                    .collect(Collectors.toSet());
            if (ready.size() >= 2 && nodes.size() < 2) {
                missing.add(new Missing("app.resilience.one-node"));
            }
            Set<String> zones = nodes.stream().map(zoneOfNode::get).filter(Objects::nonNull).collect(Collectors.toSet());
            if (zonesPromised && ready.size() >= 2 && zones.size() < 2) {
                missing.add(new Missing("app.resilience.one-zone"));
            }
            if (!pdb) {
                missing.add(new Missing("app.resilience.no-pdb"));
            }
            boolean probes = deployment != null && deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                    .allMatch(c -> c.getReadinessProbe() != null && c.getLivenessProbe() != null);
            if (!probes) {
                missing.add(new Missing("app.resilience.no-probes"));
            }
        }
        Instant deployedAt = release == null ? null : release.createdAt();
        return new AppStatus(app.id(), app.name(), url, state, ready.size(), desired, updated,
                new AppStatus.Resilience(!app.stopped() && missing.isEmpty(), List.copyOf(missing)),
                release == null ? null : release.id(), release == null ? null : release.number(),
                release == null ? null : release.shortCommit(), deployedAt,
                app.notice(), null);
    }

    public static boolean isReady(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() == null && pod.getStatus() != null
                && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}

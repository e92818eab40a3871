package dev.nonstop.app;

import dev.nonstop.app.AppStatus.Missing;
import dev.nonstop.common.Message;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Reads an app's state and resilience from what the cluster holds: its Deployment, its pods, each
 * node's zone and whether it answers, and whether its PodDisruptionBudget exists. When replicas are
 * missing it also says what was lost (a replica, a server, a whole zone) and that a replacement is on
 * its way. Pure, so each rule is tested on its own.
 */
public final class AppHealth {

    /** What the card needs to know of a node. */
    public record NodeView(@Nullable String zone, boolean ready) {
    }

    private AppHealth() {
    }

    public static AppStatus of(App app, @Nullable Release release, String url, @Nullable Deployment deployment,
                               List<Pod> pods, Map<String, NodeView> nodes, boolean pdb, boolean zonesPromised) {
        int desired = app.stopped() ? 0 : app.replicas();
        List<Pod> live = pods.stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
        List<Pod> ready = live.stream().filter(AppHealth::isReady).toList();
        int updated = deployment == null || deployment.getStatus() == null
                || deployment.getStatus().getUpdatedReplicas() == null ? 0 : deployment.getStatus().getUpdatedReplicas();
        boolean rollingOut = release != null && release.status() == Release.Status.ROLLING_OUT;
        boolean crashing = live.stream().anyMatch(AppHealth::crashing);
        AppStatus.State state;
        if (app.stopped()) {
            state = AppStatus.State.STOPPED;
        } else if (release == null || release.status() == Release.Status.ROLLED_BACK
                || (ready.isEmpty() && crashing && !rollingOut)) {
            state = AppStatus.State.FAILED;
        } else if (rollingOut || updated < desired || (ready.isEmpty() && !crashing)) {
            // a start after a stop, or the first replicas of a deploy: on their way, not failed
            state = AppStatus.State.DEPLOYING;
        } else if (ready.size() < desired) {
            state = AppStatus.State.DEGRADED;
        } else {
            state = AppStatus.State.RUNNING;
        }
        Set<String> readyNodes = ready.stream().map(p -> p.getSpec().getNodeName()).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        Set<String> zones = readyNodes.stream().map(n -> nodes.get(n)).filter(Objects::nonNull)
                .map(NodeView::zone).filter(Objects::nonNull).collect(Collectors.toSet());
        List<Missing> missing = new ArrayList<>();
        Message outage = null;
        if (!app.stopped()) {
            outage = outage(desired, live, ready, nodes, state);
            if (ready.size() < 2) {
                missing.add(new Missing("app.resilience.replicas", ready.size(), desired));
            }
            if (ready.size() >= 2 && readyNodes.size() < 2) {
                missing.add(new Missing("app.resilience.one-node"));
            }
            if (zonesPromised && ready.size() >= 2 && zones.size() < 2) {
                missing.add(new Missing(lostZone(nodes) != null ? "app.resilience.serving-one-zone"
                        : "app.resilience.one-zone"));
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
        // an app that was redundant and lost a replica is recovering, not "not yet redundant"
        boolean wasRedundant = release != null && release.status() == Release.Status.GOOD;
        Instant deployedAt = release == null ? null : release.createdAt();
        // during an update the old and new replicas overlap: "3/2 ready" would mean nothing to a user
        int shownReady = desired == 0 ? ready.size() : Math.min(ready.size(), desired);
        return new AppStatus(app.id(), app.name(), url, state, shownReady, desired, updated,
                new AppStatus.Resilience(!app.stopped() && missing.isEmpty(), List.copyOf(missing),
                        outage != null && wasRedundant),
                release == null ? null : release.id(), release == null ? null : release.number(),
                release == null ? null : release.shortCommit(), deployedAt, app.notice(), null, outage);
    }

    /**
     * What was lost, when replicas are missing outside a rollout: a zone whose servers all stopped
     * answering, a server that stopped answering, or replicas being replaced; and that a replacement
     * is starting, with how long it usually takes.
     */
    static @Nullable Message outage(int desired, List<Pod> live, List<Pod> ready, Map<String, NodeView> nodes,
                                    AppStatus.State state) {
        if (desired == 0 || ready.size() >= desired || state == AppStatus.State.DEPLOYING
                || state == AppStatus.State.FAILED) {
            return null;
        }
        String zone = lostZone(nodes);
        TreeSet<String> lostNodes = live.stream().map(p -> p.getSpec().getNodeName()).filter(Objects::nonNull)
                .filter(n -> nodes.containsKey(n) && !nodes.get(n).ready()).collect(Collectors.toCollection(TreeSet::new));
        if (zone != null) {
            return Message.of("app.outage.zone", zone, ready.size(), desired);
        }
        if (!lostNodes.isEmpty()) {
            String node = lostNodes.first();
            NodeView view = nodes.get(node);
            return Message.of("app.outage.server", node, view.zone() == null ? "-" : view.zone(), ready.size(),
                    desired);
        }
        return Message.of("app.outage.replica", desired - ready.size(), ready.size(), desired);
    }

    /** A zone none of whose servers answers, while another zone's do. */
    static @Nullable String lostZone(Map<String, NodeView> nodes) {
        Map<String, List<NodeView>> byZone = nodes.values().stream().filter(n -> n.zone() != null)
                .collect(Collectors.groupingBy(NodeView::zone));
        if (byZone.size() < 2) {
            return null;
        }
        List<String> lost = byZone.entrySet().stream().filter(e -> e.getValue().stream().noneMatch(NodeView::ready))
                .map(Map.Entry::getKey).sorted().toList();
        return lost.isEmpty() || lost.size() == byZone.size() ? null : lost.getFirst();
    }

    static boolean crashing(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getContainerStatuses() != null && pod.getStatus()
                .getContainerStatuses().stream().anyMatch(s -> s.getState() != null && s.getState().getWaiting() != null
                        && "CrashLoopBackOff".equals(s.getState().getWaiting().getReason()));
    }

    public static boolean isReady(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() == null && pod.getStatus() != null
                && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}

package dev.nonstop.sandbox.internal.sim;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * Stands in for the kubelet: a pod bound to a Ready node goes ContainerCreating, then Running once its
 * image "starts" (the start delay), then Ready after the readiness probe's initial delay. Crashing
 * images (name contains "crash", annotation {@code sandbox.nonstop.dev/crash=true}, or the configured
 * share of images) go CrashLoopBackOff with a growing restart count. No container ever runs.
 */
public final class Kubelet {

    static final String CRASH_ANNOTATION = "sandbox.nonstop.dev/crash";
    static final Duration RESTART_EVERY = Duration.ofSeconds(10);

    private final SimContext sim;
    /** What was last sent per pod (signature@resourceVersion); a write that fails is forgotten and sent again. */
    private final Map<String, String> lastWritten = new java.util.concurrent.ConcurrentHashMap<>();
    /** Pods found bound to a node without a PodScheduled=True condition, and since when. */
    private final Map<String, Instant> boundSeen = new HashMap<>();

    public Kubelet(SimContext sim) {
        this.sim = sim;
    }

    public void tick() {
        Map<String, Node> nodes = new HashMap<>();
        sim.nodes().forEach(n -> nodes.put(n.getMetadata().getName(), n));
        Instant now = sim.now();
        // a set: retainAll asks it once per remembered pod (a list made each tick quadratic in the pods)
        Set<String> alive = new HashSet<>();
        for (Pod pod : sim.pods()) {
            alive.add(pod.getMetadata().getUid());
            String nodeName = pod.getSpec().getNodeName();
            Node node = nodeName == null ? null : nodes.get(nodeName);
            if (node == null || !Pods.isActive(pod) || !NodeSimulator.isReady(node) || Pods.isSimulated(pod)) {
                continue;
            }
            // the binding's PodScheduled condition, or, when that status write was lost (a real API server
            // sets both in one binding call), the moment this kubelet first saw the pod on its node
            Instant scheduledAt = Pods.condition(pod, "PodScheduled")
                    .filter(c -> "True".equals(c.getStatus()))
                    .map(c -> Instant.parse(c.getLastTransitionTime()))
                    .orElseGet(() -> boundSeen.computeIfAbsent(pod.getMetadata().getUid(), uid -> now));
            Desired desired = desired(pod, scheduledAt, now);
            // Skip when the status already says it, or when we wrote it and the cache has not caught up.
            String signature = desired.signature() + "@" + pod.getMetadata().getResourceVersion();
            if (desired.matches(pod) || signature.equals(lastWritten.get(pod.getMetadata().getUid()))) {
                continue;
            }
            lastWritten.put(pod.getMetadata().getUid(), signature);
            write(pod, desired, scheduledAt, signature);
        }
        lastWritten.keySet().retainAll(alive);
        boundSeen.keySet().retainAll(alive);
    }

    /** What the pod's status should say now. */
    record Desired(String phase, boolean ready, Instant readyAt, int restarts, String waitingReason,
                   Instant startedAt) {

        String signature() {
            return phase + "|" + ready + "|" + restarts + "|" + waitingReason;
        }

        boolean matches(Pod pod) {
            if (pod.getStatus() == null || !Objects.equals(phase, pod.getStatus().getPhase())
                    || Pods.isReady(pod) != ready) {
                return false;
            }
            List<ContainerStatus> statuses = pod.getStatus().getContainerStatuses();
            int podRestarts = statuses == null || statuses.isEmpty() ? 0 : statuses.getFirst().getRestartCount();
            String waiting = statuses == null || statuses.isEmpty() || statuses.getFirst().getState() == null
                    || statuses.getFirst().getState().getWaiting() == null ? ""
                    : statuses.getFirst().getState().getWaiting().getReason();
            return podRestarts == restarts && Objects.equals(waiting, waitingReason);
        }
    }

    Desired desired(Pod pod, Instant scheduledAt, Instant now) {
        Instant startedAt = scheduledAt.plus(sim.settings.podStartDelay());
        if (now.isBefore(startedAt)) {
            return new Desired("Pending", false, startedAt, 0, "ContainerCreating", startedAt);
        }
        if (crashes(pod)) {
            int restarts = 1 + (int) (Duration.between(startedAt, now).toMillis() / RESTART_EVERY.toMillis());
            return new Desired("Running", false, startedAt, restarts, "CrashLoopBackOff", startedAt);
        }
        Container first = pod.getSpec().getContainers().getFirst();
        int delay = first.getReadinessProbe() == null || first.getReadinessProbe().getInitialDelaySeconds() == null
                ? 0 : first.getReadinessProbe().getInitialDelaySeconds();
        Instant readyAt = startedAt.plusSeconds(delay);
        return new Desired("Running", !now.isBefore(readyAt), readyAt, 0, "", startedAt);
    }

    boolean crashes(Pod pod) {
        var annotations = pod.getMetadata().getAnnotations();
        if (annotations != null && "true".equals(annotations.get(CRASH_ANNOTATION))) {
            return true;
        }
        String image = pod.getSpec().getContainers().getFirst().getImage();
        if (image != null && (image.contains("crash") || sim.crashingImages.stream().anyMatch(image::contains))) {
            return true;
        }
        if (sim.settings.crashShare() <= 0 || image == null) {
            return false;
        }
        CRC32 crc = new CRC32();
        crc.update(image.getBytes(StandardCharsets.UTF_8));
        return (crc.getValue() % 10_000) / 10_000.0 < sim.settings.crashShare();
    }

    private void write(Pod pod, Desired desired, Instant scheduledAt, String signature) {
        try {
            Pod current = new io.fabric8.kubernetes.api.model.PodBuilder(pod).build();
            current.getMetadata().setResourceVersion(null);
            if (current.getStatus() == null) {
                current.setStatus(new io.fabric8.kubernetes.api.model.PodStatus());
            }
            boolean wasReady = Pods.isReady(current);
            int previousRestarts = current.getStatus().getContainerStatuses() == null
                    || current.getStatus().getContainerStatuses().isEmpty() ? 0
                    : current.getStatus().getContainerStatuses().getFirst().getRestartCount();
            current.getStatus().setPhase(desired.phase());
            current.getStatus().setHostIP("10.0.0." + Math.abs(pod.getSpec().getNodeName().hashCode() % 250));
            current.getStatus().setPodIP("10.244." + Math.abs(pod.getMetadata().getUid().hashCode() % 250) + ".1");
            if (current.getStatus().getStartTime() == null) {
                current.getStatus().setStartTime(scheduledAt.toString());
            }
            List<PodCondition> conditions = new ArrayList<>();
            conditions.add(Pods.condition(current, "PodScheduled").filter(c -> "True".equals(c.getStatus()))
                    .orElse(condition("PodScheduled", true, scheduledAt.toString())));
            String readyTransition = wasReady == desired.ready()
                    ? Pods.condition(current, "Ready").map(PodCondition::getLastTransitionTime)
                    .orElse(sim.timestamp())
                    : (desired.ready() ? desired.readyAt().toString() : sim.timestamp());
            conditions.add(new PodConditionBuilder().withType("Initialized").withStatus("True")
                    .withLastTransitionTime(scheduledAt.toString()).build());
            conditions.add(condition("ContainersReady", desired.ready(), readyTransition));
            conditions.add(condition("Ready", desired.ready(), readyTransition));
            current.getStatus().setConditions(conditions);
            List<ContainerStatus> statuses = new ArrayList<>();
            for (Container c : pod.getSpec().getContainers()) {
                ContainerStatusBuilder status = new ContainerStatusBuilder().withName(c.getName())
                        .withImage(c.getImage()).withImageID("sandbox://" + c.getImage())
                        .withReady(desired.ready()).withRestartCount(desired.restarts())
                        .withStarted(!"Pending".equals(desired.phase()));
                if (desired.waitingReason().isEmpty()) {
                    status.withState(new ContainerStateBuilder().withNewRunning()
                            .withStartedAt(desired.startedAt().toString()).endRunning().build());
                } else {
                    status.withState(new ContainerStateBuilder().withNewWaiting()
                            .withReason(desired.waitingReason()).endWaiting().build());
                }
                statuses.add(status.build());
            }
            current.getStatus().setContainerStatuses(statuses);
            String uid = pod.getMetadata().getUid();
            sim.write(() -> {
                try {
                    sim.client.resource(current).updateStatus();
                } catch (KubernetesClientException notWritten) {
                    // the cache will never show this write: the next tick sends it again
                    lastWritten.remove(uid, signature);
                    throw notWritten;
                }
                events(pod, desired, previousRestarts);
            });
        } catch (KubernetesClientException gone) {
            // deleted meanwhile
        }
    }

    private void events(Pod pod, Desired desired, int previousRestarts) {
        String image = pod.getSpec().getContainers().getFirst().getImage();
        if ("ContainerCreating".equals(desired.waitingReason())) {
            sim.event(pod, "Normal", "Pulling", "Pulling image \"" + image + "\" (simulated)", "kubelet");
        } else if ("CrashLoopBackOff".equals(desired.waitingReason())) {
            if (desired.restarts() > previousRestarts) {
                sim.event(pod, "Warning", "BackOff", "Back-off restarting failed container "
                        + pod.getSpec().getContainers().getFirst().getName(), "kubelet");
            }
        } else if (!desired.ready()) {
            sim.event(pod, "Normal", "Started", "Started container (simulated)", "kubelet");
        }
    }

    private static PodCondition condition(String type, boolean status, String since) {
        return new PodConditionBuilder().withType(type).withStatus(status ? "True" : "False")
                .withLastTransitionTime(since).build();
    }
}

package dev.nonstop.sandbox.internal.sim;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the node controller does when a node stops answering: its pods turn NotReady at once, and are
 * evicted once they have been on the NotReady node for their own {@code not-ready}/{@code unreachable}
 * NoExecute toleration (300 s when the pod has none, as Kubernetes adds by default).
 */
public final class NodeLifecycle {

    static final long DEFAULT_TOLERATION_SECONDS = 300;

    private final SimContext sim;

    public NodeLifecycle(SimContext sim) {
        this.sim = sim;
    }

    public void tick() {
        Map<String, Instant> notReadySince = new HashMap<>();
        for (Node node : sim.nodes()) {
            if (!NodeSimulator.isReady(node)) {
                Instant since = node.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType()))
                        .findFirst().map(c -> Instant.parse(c.getLastTransitionTime())).orElse(sim.now());
                notReadySince.put(node.getMetadata().getName(), since);
            }
        }
        if (notReadySince.isEmpty()) {
            return;
        }
        Instant now = sim.now();
        for (Pod pod : sim.pods()) {
            Instant since = pod.getSpec().getNodeName() == null ? null : notReadySince.get(pod.getSpec().getNodeName());
            if (since == null || !Pods.isActive(pod)) {
                continue;
            }
            if (!now.isBefore(since.plusSeconds(tolerationSeconds(pod)))) {
                evict(pod);
            } else if (Pods.isReady(pod)) {
                markNotReady(pod);
            }
        }
    }

    static long tolerationSeconds(Pod pod) {
        long seconds = DEFAULT_TOLERATION_SECONDS;
        if (pod.getSpec().getTolerations() != null) {
            for (Toleration t : pod.getSpec().getTolerations()) {
                boolean matches = ("node.kubernetes.io/not-ready".equals(t.getKey())
                        || "node.kubernetes.io/unreachable".equals(t.getKey()))
                        && "NoExecute".equals(t.getEffect()) && t.getTolerationSeconds() != null;
                if (matches) {
                    seconds = Math.min(seconds, t.getTolerationSeconds());
                }
            }
        }
        return seconds;
    }

    private void markNotReady(Pod pod) {
        try {
            Pod current = sim.client.pods().inNamespace(pod.getMetadata().getNamespace())
                    .withName(pod.getMetadata().getName()).get();
            if (current == null) {
                return;
            }
            List<PodCondition> conditions = new ArrayList<>();
            for (PodCondition c : current.getStatus().getConditions()) {
                if ("Ready".equals(c.getType()) || "ContainersReady".equals(c.getType())) {
                    conditions.add(new PodConditionBuilder(c).withStatus("False").withReason("NodeNotReady")
                            .withLastTransitionTime(sim.timestamp()).build());
                } else {
                    conditions.add(c);
                }
            }
            current.getStatus().setConditions(conditions);
            sim.client.resource(current).updateStatus();
        } catch (KubernetesClientException gone) {
            // deleted meanwhile
        }
    }

    private void evict(Pod pod) {
        try {
            sim.client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                    .delete();
            sim.event(pod, "Normal", "TaintManagerEviction", "Marking for deletion Pod "
                    + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName()
                    + " (node not ready for its toleration)", "taint-eviction-controller");
        } catch (KubernetesClientException gone) {
            // already gone
        }
    }
}

package dev.nonstop.sandbox.internal.sim;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Places pending pods on nodes: Ready nodes only, nodeSelector, node capacity (CPU, memory, pods), and
 * topologySpreadConstraints — DoNotSchedule as a filter, ScheduleAnyway as a score. A pod that fits
 * nowhere stays Pending with PodScheduled=False and a FailedScheduling event, as a real scheduler leaves it.
 */
public final class Scheduler {

    private final SimContext sim;
    /** Pods bound in this process whose binding the informer may not show yet. */
    private final Map<String, String> bound = new HashMap<>();
    private final Set<String> reportedUnschedulable = new HashSet<>();

    public Scheduler(SimContext sim) {
        this.sim = sim;
    }

    public void tick() {
        List<Node> nodes = sim.nodes();
        List<Pod> pods = new ArrayList<>(sim.pods());
        Map<String, String> placement = new HashMap<>();
        for (Pod pod : pods) {
            String node = nodeOf(pod);
            if (node != null && Pods.isActive(pod)) {
                placement.put(pod.getMetadata().getUid(), node);
            }
        }
        bound.keySet().retainAll(pods.stream().map(p -> p.getMetadata().getUid()).toList());
        pods.sort(Comparator.comparing(p -> p.getMetadata().getCreationTimestamp()));
        for (Pod pod : pods) {
            if (nodeOf(pod) != null || !Pods.isActive(pod)) {
                continue;
            }
            Optional<Node> chosen = choose(pod, nodes, pods, placement);
            if (chosen.isPresent()) {
                bind(pod, chosen.get());
                placement.put(pod.getMetadata().getUid(), chosen.get().getMetadata().getName());
            } else {
                unschedulable(pod, nodes.size());
            }
        }
    }

    private String nodeOf(Pod pod) {
        String node = pod.getSpec().getNodeName();
        return node != null ? node : bound.get(pod.getMetadata().getUid());
    }

    private Optional<Node> choose(Pod pod, List<Node> nodes, List<Pod> pods, Map<String, String> placement) {
        Map<String, String> selector = pod.getSpec().getNodeSelector() == null ? Map.of()
                : pod.getSpec().getNodeSelector();
        List<Node> eligible = nodes.stream()
                .filter(n -> Pods.matches(selector, n.getMetadata().getLabels()))
                .toList();
        List<Node> feasible = eligible.stream()
                .filter(NodeSimulator::isReady)
                .filter(n -> n.getSpec() == null || !Boolean.TRUE.equals(n.getSpec().getUnschedulable()))
                .filter(n -> fits(pod, n, pods, placement))
                .filter(n -> spreadAllows(pod, n, eligible, pods, placement))
                .toList();
        return feasible.stream().min(Comparator.<Node>comparingLong(n -> spreadScore(pod, n, eligible, pods, placement))
                .thenComparingLong(n -> podsOn(n, pods, placement).size())
                .thenComparing(n -> n.getMetadata().getName()));
    }

    private List<Pod> podsOn(Node node, List<Pod> pods, Map<String, String> placement) {
        String name = node.getMetadata().getName();
        return pods.stream().filter(p -> name.equals(placement.get(p.getMetadata().getUid()))).toList();
    }

    private boolean fits(Pod pod, Node node, List<Pod> pods, Map<String, String> placement) {
        List<Pod> there = podsOn(node, pods, placement);
        long cpu = there.stream().mapToLong(Pods::cpuRequestMilli).sum() + Pods.cpuRequestMilli(pod);
        long memory = there.stream().mapToLong(Pods::memoryRequestMib).sum() + Pods.memoryRequestMib(pod);
        var allocatable = node.getStatus().getAllocatable();
        long cpuCap = allocatable.get("cpu").getNumericalAmount().multiply(java.math.BigDecimal.valueOf(1000))
                .longValue();
        long memCap = allocatable.get("memory").getNumericalAmount()
                .divide(java.math.BigDecimal.valueOf(1024 * 1024)).longValue();
        long podCap = allocatable.get("pods").getNumericalAmount().longValue();
        return cpu <= cpuCap && memory <= memCap && there.size() + 1 <= podCap;
    }

    /** Matching pods per topology domain, over the domains of the eligible nodes. */
    private Map<String, Integer> domainCounts(Pod pod, TopologySpreadConstraint c, List<Node> eligible, List<Pod> pods,
                                              Map<String, String> placement) {
        Map<String, Integer> counts = new HashMap<>();
        Map<String, String> domainOfNode = new HashMap<>();
        for (Node n : eligible) {
            String domain = n.getMetadata().getLabels().get(c.getTopologyKey());
            if (domain != null) {
                counts.putIfAbsent(domain, 0);
                domainOfNode.put(n.getMetadata().getName(), domain);
            }
        }
        for (Pod other : pods) {
            String node = placement.get(other.getMetadata().getUid());
            if (node == null || !other.getMetadata().getNamespace().equals(pod.getMetadata().getNamespace())
                    || !selects(c.getLabelSelector(), other)) {
                continue;
            }
            String domain = domainOfNode.get(node);
            if (domain != null) {
                counts.merge(domain, 1, Integer::sum);
            }
        }
        return counts;
    }

    private boolean spreadAllows(Pod pod, Node node, List<Node> eligible, List<Pod> pods,
                                 Map<String, String> placement) {
        for (TopologySpreadConstraint c : constraints(pod)) {
            if (!"DoNotSchedule".equals(c.getWhenUnsatisfiable())) {
                continue;
            }
            String domain = node.getMetadata().getLabels().get(c.getTopologyKey());
            if (domain == null) {
                return false;
            }
            Map<String, Integer> counts = domainCounts(pod, c, eligible, pods, placement);
            int min = counts.values().stream().mapToInt(Integer::intValue).min().orElse(0);
            int skew = counts.getOrDefault(domain, 0) + 1 - min;
            if (skew > c.getMaxSkew()) {
                return false;
            }
        }
        return true;
    }

    private long spreadScore(Pod pod, Node node, List<Node> eligible, List<Pod> pods, Map<String, String> placement) {
        long score = 0;
        for (TopologySpreadConstraint c : constraints(pod)) {
            String domain = node.getMetadata().getLabels().get(c.getTopologyKey());
            score += domain == null ? 1000 : domainCounts(pod, c, eligible, pods, placement).getOrDefault(domain, 0);
        }
        return score;
    }

    private static List<TopologySpreadConstraint> constraints(Pod pod) {
        return pod.getSpec().getTopologySpreadConstraints() == null ? List.of()
                : pod.getSpec().getTopologySpreadConstraints();
    }

    private static boolean selects(LabelSelector selector, Pod pod) {
        if (selector == null) {
            return false;
        }
        Map<String, String> match = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
        return Pods.matches(match, pod.getMetadata().getLabels());
    }

    private void bind(Pod pod, Node node) {
        String name = node.getMetadata().getName();
        try {
            sim.client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                    .edit(p -> {
                        p.getSpec().setNodeName(name);
                        return p;
                    });
            Pod scheduled = sim.client.pods().inNamespace(pod.getMetadata().getNamespace())
                    .withName(pod.getMetadata().getName()).get();
            if (scheduled != null) {
                if (scheduled.getStatus() == null) {
                    scheduled.setStatus(new io.fabric8.kubernetes.api.model.PodStatus());
                }
                scheduled.getStatus().setPhase("Pending");
                scheduled.getStatus().setConditions(new ArrayList<>(List.of(new PodConditionBuilder()
                        .withType("PodScheduled").withStatus("True").withLastTransitionTime(sim.timestamp())
                        .build())));
                sim.client.resource(scheduled).updateStatus();
            }
            bound.put(pod.getMetadata().getUid(), name);
            reportedUnschedulable.remove(pod.getMetadata().getUid());
            sim.event(pod, "Normal", "Scheduled", "Successfully assigned " + pod.getMetadata().getNamespace() + "/"
                    + pod.getMetadata().getName() + " to " + name, "default-scheduler");
        } catch (KubernetesClientException gone) {
            // deleted meanwhile: nothing to place
        }
    }

    private void unschedulable(Pod pod, int nodeCount) {
        if (!reportedUnschedulable.add(pod.getMetadata().getUid())) {
            return;
        }
        String message = "0/" + nodeCount + " nodes are available: no node has room for the pod under its "
                + "resource requests, node selector and topology spread constraints.";
        try {
            Pod current = sim.client.pods().inNamespace(pod.getMetadata().getNamespace())
                    .withName(pod.getMetadata().getName()).get();
            if (current == null) {
                return;
            }
            if (current.getStatus() == null) {
                current.setStatus(new io.fabric8.kubernetes.api.model.PodStatus());
            }
            current.getStatus().setPhase("Pending");
            PodCondition condition = new PodConditionBuilder().withType("PodScheduled").withStatus("False")
                    .withReason("Unschedulable").withMessage(message).withLastTransitionTime(sim.timestamp()).build();
            current.getStatus().setConditions(new ArrayList<>(List.of(condition)));
            sim.client.resource(current).updateStatus();
            sim.event(pod, "Warning", "FailedScheduling", message, "default-scheduler");
        } catch (KubernetesClientException gone) {
            // deleted meanwhile
        }
    }
}

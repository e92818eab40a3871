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
 * Places pending pods on nodes: Ready nodes only, nodeSelector, taints the pod does not tolerate, node
 * capacity (CPU, memory, pods), and topologySpreadConstraints — DoNotSchedule as a filter, ScheduleAnyway
 * as a score, {@code nodeTaintsPolicy} deciding whether tainted nodes count as domains. A pod that fits
 * nowhere stays Pending with PodScheduled=False and a FailedScheduling event, as a real scheduler leaves it.
 */
public final class Scheduler {

    private final SimContext sim;
    /** Pods bound in this process whose binding the informer may not show yet. */
    private final Map<String, String> bound = new HashMap<>();
    private final Set<String> reportedUnschedulable = new HashSet<>();
    /** Allocatable CPU (milli), memory (MiB) and pods per node, read once per tick. */
    private final Map<String, long[]> capacities = new HashMap<>();

    public Scheduler(SimContext sim) {
        this.sim = sim;
    }

    /** What is placed where, kept current while this tick binds pods. */
    private final class Placement {
        final Map<String, long[]> usage = new HashMap<>();
        final Map<String, List<Pod>> placedByNamespace = new HashMap<>();
        final Map<String, String> nodeOfPod = new HashMap<>();

        void place(Pod pod, String node) {
            nodeOfPod.put(pod.getMetadata().getUid(), node);
            long[] u = usage.computeIfAbsent(node, k -> new long[3]);
            u[0] += Pods.cpuRequestMilli(pod);
            u[1] += Pods.memoryRequestMib(pod);
            u[2] += 1;
            placedByNamespace.computeIfAbsent(pod.getMetadata().getNamespace(), k -> new ArrayList<>()).add(pod);
        }
    }

    public void tick() {
        List<Node> nodes = sim.nodes();
        capacities.clear();
        List<Pod> pods = new ArrayList<>(sim.pods());
        bound.keySet().retainAll(pods.stream().map(p -> p.getMetadata().getUid()).collect(java.util.stream.Collectors.toSet()));
        Placement placement = new Placement();
        List<Pod> pending = new ArrayList<>();
        for (Pod pod : pods) {
            if (!Pods.isActive(pod) || Pods.isSimulated(pod)) {
                continue;
            }
            String node = nodeOf(pod);
            if (node != null) {
                placement.place(pod, node);
            } else {
                pending.add(pod);
            }
        }
        if (pending.isEmpty()) {
            return;
        }
        pending.sort(Comparator.comparing(p -> p.getMetadata().getCreationTimestamp()));
        for (Pod pod : pending) {
            Optional<Node> chosen = choose(pod, nodes, placement);
            if (chosen.isPresent()) {
                bind(pod, chosen.get());
                placement.place(pod, chosen.get().getMetadata().getName());
            } else {
                unschedulable(pod, nodes.size());
            }
        }
    }

    private String nodeOf(Pod pod) {
        String node = pod.getSpec().getNodeName();
        return node != null ? node : bound.get(pod.getMetadata().getUid());
    }

    private Optional<Node> choose(Pod pod, List<Node> nodes, Placement placement) {
        Map<String, String> selector = pod.getSpec().getNodeSelector() == null ? Map.of()
                : pod.getSpec().getNodeSelector();
        List<Node> eligible = nodes.stream()
                .filter(n -> Pods.matches(selector, n.getMetadata().getLabels()))
                .toList();
        List<Pod> neighbours = placement.placedByNamespace.getOrDefault(pod.getMetadata().getNamespace(), List.of());
        // Counted once per pod, not once per candidate node: the counts do not depend on the node.
        List<Spread> spreads = constraints(pod).stream()
                .map(c -> new Spread(c, domainCounts(pod, c, eligible, neighbours, placement.nodeOfPod))).toList();
        long[] request = {Pods.cpuRequestMilli(pod), Pods.memoryRequestMib(pod)};
        List<Node> feasible = eligible.stream()
                .filter(n -> fits(request, n, placement))
                .filter(NodeSimulator::isReady)
                .filter(n -> Taints.tolerated(pod, n))
                .filter(n -> n.getSpec() == null || !Boolean.TRUE.equals(n.getSpec().getUnschedulable()))
                .filter(n -> spreadAllows(n, spreads))
                .toList();
        return feasible.stream().min(Comparator.<Node>comparingLong(n -> spreadScore(n, spreads))
                .thenComparingLong(n -> placement.usage.getOrDefault(n.getMetadata().getName(), new long[3])[2])
                .thenComparing(n -> n.getMetadata().getName()));
    }

    /** One topology spread constraint of a pod, with the matching pods counted per domain. */
    private record Spread(TopologySpreadConstraint constraint, Map<String, Integer> counts) {
        int min() {
            return counts.values().stream().mapToInt(Integer::intValue).min().orElse(0);
        }
    }

    /** Whether a pod requesting {@code request} (CPU milli, memory MiB) still fits on the node. */
    private boolean fits(long[] request, Node node, Placement placement) {
        long[] used = placement.usage.getOrDefault(node.getMetadata().getName(), new long[3]);
        long[] capacity = capacities.computeIfAbsent(node.getMetadata().getName(), k -> capacityOf(node));
        return used[0] + request[0] <= capacity[0] && used[1] + request[1] <= capacity[1] && used[2] + 1 <= capacity[2];
    }

    private static long[] capacityOf(Node node) {
        var allocatable = node.getStatus().getAllocatable();
        return new long[] {
            allocatable.get("cpu").getNumericalAmount().multiply(java.math.BigDecimal.valueOf(1000)).longValue(),
            allocatable.get("memory").getNumericalAmount().divide(java.math.BigDecimal.valueOf(1024 * 1024)).longValue(),
            allocatable.get("pods").getNumericalAmount().longValue()};
    }

    /**
     * Matching pods per topology domain, over the domains of the eligible nodes: those the pod's node
     * selector allows (nodeAffinityPolicy Honor, the default) and, when the constraint says
     * {@code nodeTaintsPolicy: Honor}, only nodes whose taints the pod tolerates. With the default
     * (Ignore) a tainted node — one that stopped answering — still counts as a domain, as in Kubernetes.
     */
    private Map<String, Integer> domainCounts(Pod pod, TopologySpreadConstraint c, List<Node> eligible, List<Pod> pods,
                                              Map<String, String> placement) {
        Map<String, Integer> counts = new HashMap<>();
        Map<String, String> domainOfNode = new HashMap<>();
        boolean honourTaints = "Honor".equals(c.getNodeTaintsPolicy());
        for (Node n : eligible) {
            if (honourTaints && !Taints.tolerated(pod, n)) {
                continue;
            }
            String domain = n.getMetadata().getLabels().get(c.getTopologyKey());
            if (domain != null) {
                counts.putIfAbsent(domain, 0);
                domainOfNode.put(n.getMetadata().getName(), domain);
            }
        }
        for (Pod other : pods) {
            String node = placement.get(other.getMetadata().getUid());
            if (node == null || !other.getMetadata().getNamespace().equals(pod.getMetadata().getNamespace())
                    || !selects(c, pod, other)) {
                continue;
            }
            String domain = domainOfNode.get(node);
            if (domain != null) {
                counts.merge(domain, 1, Integer::sum);
            }
        }
        return counts;
    }

    private static boolean spreadAllows(Node node, List<Spread> spreads) {
        for (Spread spread : spreads) {
            TopologySpreadConstraint c = spread.constraint();
            if (!"DoNotSchedule".equals(c.getWhenUnsatisfiable())) {
                continue;
            }
            String domain = node.getMetadata().getLabels().get(c.getTopologyKey());
            if (domain == null) {
                return false;
            }
            int skew = spread.counts().getOrDefault(domain, 0) + 1 - spread.min();
            if (skew > c.getMaxSkew()) {
                return false;
            }
        }
        return true;
    }

    private static long spreadScore(Node node, List<Spread> spreads) {
        long score = 0;
        for (Spread spread : spreads) {
            String domain = node.getMetadata().getLabels().get(spread.constraint().getTopologyKey());
            score += domain == null ? 1000 : spread.counts().getOrDefault(domain, 0);
        }
        return score;
    }

    private static List<TopologySpreadConstraint> constraints(Pod pod) {
        return pod.getSpec().getTopologySpreadConstraints() == null ? List.of()
                : pod.getSpec().getTopologySpreadConstraints();
    }

    /**
     * Whether {@code other} counts for the constraint of {@code pod}: its label selector, plus
     * {@code matchLabelKeys} (e.g. pod-template-hash) taking the incoming pod's values, so a rolling
     * update spreads its new replicas among themselves.
     */
    private static boolean selects(TopologySpreadConstraint c, Pod pod, Pod other) {
        LabelSelector selector = c.getLabelSelector();
        if (selector == null) {
            return false;
        }
        Map<String, String> match = new HashMap<>(selector.getMatchLabels() == null ? Map.of()
                : selector.getMatchLabels());
        Map<String, String> own = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
        if (c.getMatchLabelKeys() != null) {
            for (String key : c.getMatchLabelKeys()) {
                if (own.containsKey(key)) {
                    match.put(key, own.get(key));
                }
            }
        }
        return Pods.matches(match, other.getMetadata().getLabels());
    }

    private void bind(Pod pod, Node node) {
        String name = node.getMetadata().getName();
        bound.put(pod.getMetadata().getUid(), name);
        reportedUnschedulable.remove(pod.getMetadata().getUid());
        Pod scheduled = new io.fabric8.kubernetes.api.model.PodBuilder(pod).build();
        scheduled.getSpec().setNodeName(name);
        scheduled.getMetadata().setResourceVersion(null);
        if (scheduled.getStatus() == null) {
            scheduled.setStatus(new io.fabric8.kubernetes.api.model.PodStatus());
        }
        scheduled.getStatus().setPhase("Pending");
        scheduled.getStatus().setConditions(new ArrayList<>(List.of(new PodConditionBuilder()
                .withType("PodScheduled").withStatus("True").withLastTransitionTime(sim.timestamp()).build())));
        sim.write(() -> {
            sim.client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                    .patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                                    io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
                            "{\"spec\":{\"nodeName\":\"" + name + "\"}}");
            sim.client.resource(scheduled).updateStatus();
            sim.event(pod, "Normal", "Scheduled", "Successfully assigned " + pod.getMetadata().getNamespace() + "/"
                    + pod.getMetadata().getName() + " to " + name, "default-scheduler");
        });
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

package dev.nonstop.sandbox.internal.sim;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sandbox's nodes: {@code sandbox-node-1..N} spread round-robin over zones {@code sandbox-zone-a, -b…},
 * with capacity and the standard topology labels. A node can be failed (NotReady) and recovered.
 */
public final class NodeSimulator {

    public static final String ZONE = "topology.kubernetes.io/zone";
    public static final String HOSTNAME = "kubernetes.io/hostname";

    private final SimContext sim;
    private final Set<String> failed = ConcurrentHashMap.newKeySet();

    public NodeSimulator(SimContext sim) {
        this.sim = sim;
    }

    public static String nodeName(int index) {
        return "sandbox-node-" + index;
    }

    public static String zoneName(int index) {
        return "sandbox-zone-" + (char) ('a' + index);
    }

    /** Creates the nodes once, Ready. */
    public void createNodes() {
        for (int i = 0; i < sim.settings.nodes(); i++) {
            String name = nodeName(i + 1);
            if (sim.client.nodes().withName(name).get() != null) {
                continue;
            }
            Map<String, Quantity> capacity = Map.of(
                    "cpu", new Quantity(sim.settings.nodeCpuMilli() + "m"),
                    "memory", new Quantity(sim.settings.nodeMemoryMib() + "Mi"),
                    "pods", new Quantity(String.valueOf(sim.settings.nodePods())));
            Node node = new NodeBuilder().withNewMetadata().withName(name)
                    .addToLabels(HOSTNAME, name)
                    .addToLabels(ZONE, zoneName(i % sim.settings.zones()))
                    .addToLabels("kubernetes.io/os", "linux")
                    .addToLabels("node.kubernetes.io/instance-type", "sandbox")
                    .addToAnnotations("sandbox.nonstop.dev/simulated", "true")
                    .endMetadata()
                    .withNewSpec().endSpec()
                    .withNewStatus().withCapacity(capacity).withAllocatable(capacity)
                    .withConditions(ready(true)).withNewNodeInfo().withKubeletVersion("v1.33.0-sandbox")
                    .withContainerRuntimeVersion("sandbox://simulated").withOperatingSystem("linux")
                    .withArchitecture("amd64").endNodeInfo().endStatus()
                    .build();
            Node created = sim.client.resource(node).create();
            created.setStatus(node.getStatus());
            sim.client.resource(created).updateStatus();
        }
    }

    private NodeCondition ready(boolean ready) {
        return new NodeConditionBuilder().withType("Ready").withStatus(ready ? "True" : "Unknown")
                .withReason(ready ? "KubeletReady" : "NodeStatusUnknown")
                .withMessage(ready ? "kubelet is posting ready status (simulated)" : "Kubelet stopped posting node status.")
                .withLastTransitionTime(sim.timestamp()).withLastHeartbeatTime(sim.timestamp()).build();
    }

    public void fail(String node) {
        failed.add(node);
    }

    public void recover(String node) {
        failed.remove(node);
    }

    /** Brings each node's Ready condition in line with the faults. */
    public void tick() {
        for (Node node : sim.nodes()) {
            boolean shouldBeReady = !failed.contains(node.getMetadata().getName());
            if (isReady(node) != shouldBeReady) {
                Node copy = new NodeBuilder(node).build();
                copy.getStatus().setConditions(java.util.List.of(ready(shouldBeReady)));
                copy.getMetadata().setResourceVersion(null);
                sim.client.resource(copy).updateStatus();
                // what the node lifecycle controller does: taint a node that stopped answering, untaint it after
                var taints = shouldBeReady ? java.util.List.<io.fabric8.kubernetes.api.model.Taint>of()
                        : Taints.unreachable(sim.timestamp());
                var all = new java.util.ArrayList<>(Taints.of(node).stream()
                        .filter(t -> !Taints.UNREACHABLE.equals(t.getKey())).toList());
                all.addAll(taints);
                sim.client.nodes().withName(node.getMetadata().getName()).patch(
                        io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                                io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
                        // null, not []: the store's merge patch keeps a list patched to empty (Kubernetes drops both)
                        "{\"spec\":{\"taints\":" + (all.isEmpty() ? "null"
                                : io.fabric8.kubernetes.client.utils.Serialization.asJson(all)) + "}}");
                sim.event(node, shouldBeReady ? "Normal" : "Warning", shouldBeReady ? "NodeReady" : "NodeNotReady",
                        "Node " + node.getMetadata().getName() + " status is now: "
                                + (shouldBeReady ? "NodeReady" : "NodeNotReady"), "node-controller");
            }
        }
    }

    public static boolean isReady(Node node) {
        return node.getStatus() != null && node.getStatus().getConditions() != null
                && node.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    public static String zoneOf(Node node) {
        return node.getMetadata().getLabels().getOrDefault(ZONE, "");
    }
}

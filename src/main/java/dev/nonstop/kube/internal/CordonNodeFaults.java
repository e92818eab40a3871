package dev.nonstop.kube.internal;

import dev.nonstop.kube.ClusterEndpoint;
import dev.nonstop.kube.KubeLabels;
import dev.nonstop.kube.NodeFaults;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.springframework.stereotype.Component;

/**
 * On a real cluster, "fail the node" for a drill: cordon it (no new pods) and delete the pods the
 * portal manages on it, so they are rescheduled elsewhere as after a node loss; recovery uncordons it.
 */
@Component
class CordonNodeFaults implements NodeFaults {

    private final KubernetesClient client;
    private final ClusterEndpoint endpoint;

    CordonNodeFaults(KubernetesClient client, ClusterEndpoint endpoint) {
        this.client = client;
        this.endpoint = endpoint;
    }

    @Override
    public boolean available() {
        return !endpoint.sandbox();
    }

    @Override
    public boolean simulated() {
        return false;
    }

    @Override
    public void failNode(String node) {
        cordon(node, true);
        // listed and filtered here, not by a field selector, so that a server that ignores field
        // selectors can never turn this into "delete every pod"
        client.pods().inAnyNamespace().withLabel(KubeLabels.MANAGED_BY, KubeLabels.MANAGER).list().getItems().stream()
                .filter(p -> node.equals(p.getSpec().getNodeName()))
                .forEach(p -> client.pods().inNamespace(p.getMetadata().getNamespace())
                        .withName(p.getMetadata().getName()).delete());
    }

    @Override
    public void recoverNode(String node) {
        cordon(node, false);
    }

    private void cordon(String node, boolean unschedulable) {
        // a merge patch: the kubelet keeps updating the node's status meanwhile
        client.nodes().withName(node).patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
                "{\"spec\":{\"unschedulable\":" + unschedulable + "}}");
    }
}

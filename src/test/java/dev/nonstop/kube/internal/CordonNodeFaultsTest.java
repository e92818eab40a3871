package dev.nonstop.kube.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nonstop.kube.ClusterEndpoint;
import dev.nonstop.kube.KubeLabels;
import dev.nonstop.sandbox.Sandbox;
import dev.nonstop.sandbox.SandboxSettings;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;

/** A real cluster's drill node failure: the node is cordoned, only the portal's pods on it go, uncordon restores. */
class CordonNodeFaultsTest {

    @Test
    void cordon_deletes_only_managed_pods_on_that_node_and_recovery_uncordons() {
        try (Sandbox sandbox = Sandbox.start(SandboxSettings.defaults()); KubernetesClient client = sandbox.newClient()) {
            String node = client.nodes().list().getItems().getFirst().getMetadata().getName();
            String other = client.nodes().list().getItems().get(1).getMetadata().getName();
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("t-x").endMetadata()
                    .build()).create();
            create(client, "mine-here", node, true);
            create(client, "mine-elsewhere", other, true);
            create(client, "not-ours-here", node, false);
            CordonNodeFaults faults = new CordonNodeFaults(client, new ClusterEndpoint(sandbox.config(), false, "test"));
            assertThat(faults.available()).isTrue();
            assertThat(faults.simulated()).isFalse();

            faults.failNode(node);
            assertThat(client.nodes().withName(node).get().getSpec().getUnschedulable()).isTrue();
            assertThat(client.pods().inNamespace("t-x").list().getItems()).extracting(p -> p.getMetadata().getName())
                    .containsExactlyInAnyOrder("mine-elsewhere", "not-ours-here");

            faults.recoverNode(node);
            assertThat(client.nodes().withName(node).get().getSpec().getUnschedulable()).isFalse();
        }
    }

    private static void create(KubernetesClient client, String name, String node, boolean managed) {
        var pod = new PodBuilder().withNewMetadata().withName(name).withNamespace("t-x")
                .addToLabels(managed ? KubeLabels.MANAGED_BY : "other", managed ? KubeLabels.MANAGER : "x")
                .addToAnnotations("sandbox.nonstop.dev/simulated-by", "test").endMetadata()
                .withNewSpec().withNodeName(node).addNewContainer().withName("c").withImage("x").endContainer().endSpec()
                .build();
        client.pods().resource(pod).create();
    }
}

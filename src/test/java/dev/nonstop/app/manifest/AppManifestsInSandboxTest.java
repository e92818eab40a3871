package dev.nonstop.app.manifest;

import static dev.nonstop.testsupport.Eventually.within;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nonstop.common.AppName;
import dev.nonstop.common.ReplicaSize;
import dev.nonstop.kube.Applier;
import dev.nonstop.sandbox.SandboxCluster;
import dev.nonstop.security.SignUpResult;
import dev.nonstop.tenant.TenantService;
import dev.nonstop.testsupport.Fixtures;
import dev.nonstop.testsupport.IntegrationTest;
import dev.nonstop.tier.TierCode;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The built objects, applied to a PAID tenant's namespace in the sandbox: 2/2 Ready on two nodes in two zones. */
@IntegrationTest
class AppManifestsInSandboxTest {

    @Autowired Fixtures fixtures;
    @Autowired TenantService tenants;
    @Autowired Applier applier;
    @Autowired KubernetesClient cluster;
    @Autowired SandboxCluster sandbox;

    @Test
    void a_built_app_runs_two_ready_replicas_on_two_nodes_in_two_zones() {
        SignUpResult tenant = fixtures.newTenant();
        fixtures.signInAs(Fixtures.ADMIN);
        tenants.changeTier(tenant.tenantId(), TierCode.PAID);
        fixtures.signOut();
        String ns = tenant.slug().namespace();
        within(Duration.ofSeconds(10), () -> assertThat(cluster.resourceQuotas().inNamespace(ns).withName("tenant-quota")
                .get().getSpec().getHard().get("pods").getNumericalAmount().intValue()).isGreaterThan(10));
        AppSpec app = new AppSpec(tenant.slug(), new AppName("web"), AppManifestsTest.IMAGE, 8080, "/", 2,
                ReplicaSize.S, true, null, Map.of(), false, "r1", AppManifestsTest.EXPOSURE);
        sandbox.running().orElseThrow().clock().setSpeed(20);
        try {
            applier.apply(AppDeployment.of(app));
            applier.apply(AppService.of(app));
            applier.apply(AppDisruptionBudget.of(app));
            applier.apply(AppIngress.of(app));
            within(Duration.ofSeconds(20), () -> assertThat(cluster.apps().deployments().inNamespace(ns).withName("web")
                    .get().getStatus().getAvailableReplicas()).isEqualTo(2));
        } finally {
            sandbox.running().orElseThrow().clock().setSpeed(1);
        }
        List<Pod> pods = cluster.pods().inNamespace(ns).withLabel("app.kubernetes.io/instance", "web").list().getItems();
        Map<String, String> zoneOfNode = cluster.nodes().list().getItems().stream().collect(Collectors.toMap(
                n -> n.getMetadata().getName(), (Node n) -> n.getMetadata().getLabels().get("topology.kubernetes.io/zone")));
        Set<String> nodes = pods.stream().map(p -> p.getSpec().getNodeName()).collect(Collectors.toSet());
        assertThat(pods).hasSize(2);
        assertThat(nodes).hasSize(2);
        assertThat(nodes.stream().map(zoneOfNode::get).collect(Collectors.toSet())).hasSize(2);
    }
}

package dev.nonstop.sandbox.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nonstop.audit.AuditFilter;
import dev.nonstop.audit.AuditLog;
import dev.nonstop.common.UserError;
import dev.nonstop.sandbox.SandboxNode;
import dev.nonstop.sandbox.SandboxService;
import dev.nonstop.testsupport.Fixtures;
import dev.nonstop.testsupport.UiTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.test.context.support.WithUserDetails;

class SandboxAdminViewTest extends UiTest {

    @Autowired SandboxService sandbox;
    @Autowired AuditLog audit;
    @Autowired Fixtures fixtures;

    private SandboxNode node(String name) {
        return sandbox.nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
    }

    private void awaitReady(String name, boolean ready) throws InterruptedException {
        for (int i = 0; i < 100 && node(name).ready() != ready; i++) {
            Thread.sleep(50);
        }
        assertThat(node(name).ready()).isEqualTo(ready);
    }

    @Test
    @WithUserDetails(value = Fixtures.ADMIN, userDetailsServiceBeanName = USERS)
    void an_admin_fails_and_recovers_a_node_and_each_action_is_audited() throws Exception {
        SandboxAdminView view = navigate(SandboxAdminView.class);
        List<SandboxNode> nodes = view.nodes.getGenericDataView().getItems().toList();
        assertThat(nodes).hasSize(4).extracting(SandboxNode::zone).containsOnly("sandbox-zone-a", "sandbox-zone-b");

        sandbox.failNode("sandbox-node-4");
        // the open page shows it NotReady by itself (Push), without a reload or a refresh
        for (int i = 0; i < 200 && view.nodes.getGenericDataView().getItems()
                .anyMatch(n -> n.name().equals("sandbox-node-4") && n.ready()); i++) {
            Thread.sleep(50);
            runPendingAccess();
        }
        assertThat(view.nodes.getGenericDataView().getItems().filter(n -> n.name().equals("sandbox-node-4")))
                .singleElement().satisfies(n -> assertThat(n.ready()).isFalse());
        sandbox.recoverNode("sandbox-node-4");
        awaitReady("sandbox-node-4", true);

        assertThat(audit.search(new AuditFilter(Fixtures.ADMIN, null, "sandbox.node", null, null)))
                .extracting(e -> e.action()).contains("sandbox.node.failed", "sandbox.node.recovered");
        assertThatThrownBy(() -> sandbox.failNode("no-such-node")).isInstanceOfSatisfying(UserError.class,
                e -> assertThat(e.key()).isEqualTo("sandbox.no-such-node"));
    }

    @Autowired dev.nonstop.sandbox.SandboxCluster cluster;

    /** Traffic knobs from the page: what the app's charts will show (Prometheus through the exporter). */
    @Test
    @WithUserDetails(value = Fixtures.ADMIN, userDetailsServiceBeanName = USERS)
    void an_admin_sets_an_apps_traffic_from_the_page_within_bounds() {
        var running = cluster.running().orElseThrow();
        try (var client = running.newClient()) {
            client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
                    .withName("t-traffic").endMetadata().build()).createOr(c -> c.update());
            client.apps().deployments().inNamespace("t-traffic").resource(
                    new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder().withNewMetadata().withName("shop")
                            .endMetadata().withNewSpec().withReplicas(0).withNewSelector()
                            .addToMatchLabels("app", "shop").endSelector().withNewTemplate().withNewMetadata()
                            .addToLabels("app", "shop").endMetadata().withNewSpec().addNewContainer()
                            .withName("app").withImage("shop:1").endContainer().endSpec().endTemplate().endSpec()
                            .build()).createOr(c -> c.update());
        }
        SandboxAdminView view = navigate(SandboxAdminView.class);
        view.trafficNamespace.setValue("t-traffic");
        view.trafficApp.setValue("shop");
        view.load.setValue(2.5);
        view.errors.setValue(20.0);
        view.latency.setValue(300);
        test($(com.vaadin.flow.component.button.Button.class).id("sandbox-traffic-set")).click();
        assertThat(running.traffic("t-traffic", "shop")).containsExactly(2.5, 0.2, 300.0);
        assertThat(audit.search(new AuditFilter(Fixtures.ADMIN, null, "sandbox.traffic", null, null)))
                .extracting(e -> e.detail()).anySatisfy(d -> assertThat(d).contains("t-traffic/shop", "20.0 % errors"));

        assertThatThrownBy(() -> sandbox.setTraffic("t-traffic", "shop", 21, 0, 40))
                .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.key()).isEqualTo("sandbox.traffic-range"));
        assertThatThrownBy(() -> sandbox.setTraffic("t-traffic", "shop", 1, 0, 0))
                .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.key()).isEqualTo("sandbox.traffic-range"));
        assertThatThrownBy(() -> sandbox.setTraffic("t-traffic", "nope", 1, 0, 40))
                .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.key())
                        .isEqualTo("sandbox.traffic.no-such-app"));
        assertThatThrownBy(() -> sandbox.setTraffic("kube-system", "coredns", 1, 0, 40))
                .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.key())
                        .isEqualTo("sandbox.traffic.no-such-app"));
        // nothing changed by the refusals
        assertThat(running.traffic("t-traffic", "shop")).containsExactly(2.5, 0.2, 300.0);
    }

    @Test
    @WithUserDetails(value = Fixtures.OWNER, userDetailsServiceBeanName = USERS)
    void tenants_cannot_inject_faults() {
        assertThatThrownBy(() -> sandbox.failNode("sandbox-node-1")).isInstanceOf(AuthorizationDeniedException.class);
        assertThatThrownBy(() -> sandbox.setSpeed(50)).isInstanceOf(AuthorizationDeniedException.class);
        assertThatThrownBy(() -> sandbox.nodes()).isInstanceOf(AuthorizationDeniedException.class);
        assertThatThrownBy(() -> sandbox.setTraffic("t-x", "web", 1, 50, 40))
                .isInstanceOf(AuthorizationDeniedException.class);
    }
}

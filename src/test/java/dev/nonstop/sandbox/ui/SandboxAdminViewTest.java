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

    @Test
    @WithUserDetails(value = Fixtures.OWNER, userDetailsServiceBeanName = USERS)
    void tenants_cannot_inject_faults() {
        assertThatThrownBy(() -> sandbox.failNode("sandbox-node-1")).isInstanceOf(AuthorizationDeniedException.class);
        assertThatThrownBy(() -> sandbox.setSpeed(50)).isInstanceOf(AuthorizationDeniedException.class);
        assertThatThrownBy(() -> sandbox.nodes()).isInstanceOf(AuthorizationDeniedException.class);
    }
}

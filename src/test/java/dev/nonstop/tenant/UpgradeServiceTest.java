package dev.nonstop.tenant;

import static dev.nonstop.testsupport.Eventually.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nonstop.audit.AuditFilter;
import dev.nonstop.audit.AuditLog;
import dev.nonstop.common.AccessDenied;
import dev.nonstop.common.UserError;
import dev.nonstop.security.SignUpResult;
import dev.nonstop.testsupport.Fixtures;
import dev.nonstop.testsupport.IntegrationTest;
import dev.nonstop.tier.TierCode;
import dev.nonstop.tier.TierService;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** An owner asks for the paid tier; an admin (later a payment provider) approves or denies. */
@IntegrationTest
class UpgradeServiceTest {

    @Autowired Fixtures fixtures;
    @Autowired UpgradeService upgrades;
    @Autowired TenantService tenants;
    @Autowired TierService tiers;
    @Autowired AuditLog audit;
    @Autowired KubernetesClient cluster;

    @AfterEach
    void signOut() {
        fixtures.signOut();
    }

    @Test
    void an_approved_request_moves_the_tenant_to_paid_and_its_quota_follows() {
        SignUpResult tenant = fixtures.newTenant();
        fixtures.signInAs(tenant.email().value());
        UpgradeRequest request = upgrades.request("We are launching next week");
        assertThat(request.state()).isEqualTo(UpgradeState.PENDING);
        assertThat(upgrades.latest()).get().extracting(UpgradeRequest::note).isEqualTo("We are launching next week");
        assertThatThrownBy(() -> upgrades.request("again")).isInstanceOfSatisfying(UserError.class,
                e -> assertThat(e.key()).isEqualTo("upgrade.already-pending"));
        fixtures.signOut();

        fixtures.signInAs(Fixtures.ADMIN);
        assertThat(upgrades.pending()).extracting(UpgradeRequest::id).contains(request.id());
        UpgradeRequest approved = upgrades.approve(request.id());
        assertThat(approved.state()).isEqualTo(UpgradeState.APPROVED);
        assertThat(approved.decidedBy()).isEqualTo(Fixtures.ADMIN);
        assertThat(tenants.byId(tenant.tenantId()).tier().code()).isEqualTo(TierCode.PAID);
        assertThat(upgrades.pending()).extracting(UpgradeRequest::id).doesNotContain(request.id());
        assertThatThrownBy(() -> upgrades.deny(request.id(), "late")).isInstanceOfSatisfying(UserError.class,
                e -> assertThat(e.key()).isEqualTo("upgrade.already-decided"));
        assertThat(audit.search(new AuditFilter(null, tenant.slug().value(), "upgrade", null, null)))
                .extracting(e -> e.action()).contains("upgrade.requested", "upgrade.approved");
        int paidPods = tiers.byCode(TierCode.PAID).limits().quotaPods();
        within(Duration.ofSeconds(10), () -> assertThat(cluster.resourceQuotas()
                .inNamespace(tenant.slug().namespace()).withName("tenant-quota").get().getSpec().getHard().get("pods")
                .getNumericalAmount().intValue()).isEqualTo(paidPods));
        fixtures.signOut();

        fixtures.signInAs(tenant.email().value());
        assertThat(upgrades.latest()).get().extracting(UpgradeRequest::state).isEqualTo(UpgradeState.APPROVED);
        assertThatThrownBy(() -> upgrades.request("more")).isInstanceOfSatisfying(UserError.class,
                e -> assertThat(e.key()).isEqualTo("upgrade.already-paid"));
    }

    @Test
    void a_denial_needs_a_reason_the_tenant_then_sees_and_the_tier_stays() {
        SignUpResult tenant = fixtures.newTenant();
        fixtures.signInAs(tenant.email().value());
        UpgradeRequest request = upgrades.request("");
        fixtures.signOut();

        fixtures.signInAs(Fixtures.ADMIN);
        assertThatThrownBy(() -> upgrades.deny(request.id(), "  ")).isInstanceOfSatisfying(UserError.class,
                e -> assertThat(e.key()).isEqualTo("upgrade.deny.reason-required"));
        upgrades.deny(request.id(), "Payment details missing");
        fixtures.signOut();

        fixtures.signInAs(tenant.email().value());
        assertThat(upgrades.latest()).get().satisfies(r -> {
            assertThat(r.state()).isEqualTo(UpgradeState.DENIED);
            assertThat(r.reason()).isEqualTo("Payment details missing");
        });
        assertThat(tenants.current().tier().code()).isEqualTo(TierCode.FREE);
        // after a denial the owner may ask again
        assertThat(upgrades.request("Details added").state()).isEqualTo(UpgradeState.PENDING);
    }

    @Test
    void only_owners_ask_and_a_payment_provider_decides_outside_any_session() {
        fixtures.signInAs(Fixtures.MEMBER);
        assertThatThrownBy(() -> upgrades.request("me too")).isInstanceOf(AccessDenied.class);
        fixtures.signOut();

        SignUpResult tenant = fixtures.newTenant();
        fixtures.signInAs(tenant.email().value());
        UpgradeRequest request = upgrades.request("card on file");
        assertThatThrownBy(() -> upgrades.decide(request.id(), UpgradeState.APPROVED,
                UpgradeDecider.payment("checkout", "pay_1"), null)).isInstanceOf(AccessDenied.class);
        fixtures.signOut();

        // a verified payment event, handled by the platform with no user signed in
        UpgradeRequest paid = upgrades.decide(request.id(), UpgradeState.APPROVED,
                UpgradeDecider.payment("checkout", "pay_1"), null);
        assertThat(paid.decidedBy()).isEqualTo("payment checkout:pay_1");
        fixtures.signInAs(Fixtures.ADMIN);
        assertThat(tenants.byId(tenant.tenantId()).tier().code()).isEqualTo(TierCode.PAID);
    }

    @Test
    void an_admins_tier_change_settles_a_pending_request_so_none_waits_for_nothing() {
        SignUpResult asked = fixtures.newTenant();
        fixtures.signInAs(asked.email().value());
        upgrades.request("for the launch");
        fixtures.signOut();
        fixtures.signInAs(Fixtures.ADMIN);
        tenants.changeTier(asked.tenantId(), dev.nonstop.tier.TierCode.PAID);
        assertThat(upgrades.pending()).noneMatch(r -> r.tenant().equals(asked.slug().value()));
        assertThat(upgrades.latestOf(asked.tenantId())).get().extracting(UpgradeRequest::state)
                .isEqualTo(UpgradeState.APPROVED);
    }
}

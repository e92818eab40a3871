package dev.nonstop.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nonstop.audit.AuditLog;
import dev.nonstop.common.AccessDenied;
import dev.nonstop.security.AccountService;
import dev.nonstop.security.SignUpResult;
import dev.nonstop.testsupport.Fixtures;
import dev.nonstop.testsupport.IntegrationTest;
import dev.nonstop.tier.TierCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authorization.AuthorizationDeniedException;

@IntegrationTest
class TenantServiceTest {

    @Autowired TenantService tenants;
    @Autowired AccountService accounts;
    @Autowired AuditLog audit;
    @Autowired Fixtures fixtures;

    @AfterEach
    void signOut() {
        fixtures.signOut();
    }

    @Test
    void users_see_their_own_tenant_and_tier() {
        fixtures.signInAs(Fixtures.MEMBER);
        TenantInfo tenant = tenants.current();
        assertThat(tenant.slug().value()).isEqualTo("fixture-co");
        assertThat(tenant.tier().code()).isEqualTo(TierCode.FREE);
    }

    @Test
    void a_tenant_cannot_read_another_tenants_data() {
        SignUpResult other = fixtures.newTenant();
        fixtures.signInAs(Fixtures.OWNER);
        assertThatThrownBy(() -> tenants.byId(other.tenantId())).isInstanceOf(AccessDenied.class);
        assertThatThrownBy(() -> accounts.members(other.tenantId())).isInstanceOf(AccessDenied.class);
    }

    @Test
    void an_admin_moves_a_tenant_to_paid_and_it_is_audited() {
        SignUpResult tenant = fixtures.newTenant();
        fixtures.signInAs(Fixtures.ADMIN);
        TenantInfo moved = tenants.changeTier(tenant.tenantId(), TierCode.PAID);

        assertThat(moved.tier().code()).isEqualTo(TierCode.PAID);
        assertThat(tenants.all()).filteredOn(t -> t.id() == tenant.tenantId()).singleElement()
                .satisfies(t -> {
                    assertThat(t.tier()).isEqualTo(TierCode.PAID);
                    assertThat(t.members()).isEqualTo(1);
                });
        assertThat(audit.latestOf(tenant.slug().value(), 1)).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("tenant.tier.changed");
            assertThat(e.actor()).isEqualTo(Fixtures.ADMIN);
            assertThat(e.detail()).contains("FREE").contains("PAID");
        });
    }

    @Test
    void owners_and_members_cannot_change_tiers_or_list_tenants() {
        fixtures.signInAs(Fixtures.OWNER);
        long own = tenants.current().id();
        assertThatThrownBy(() -> tenants.changeTier(own, TierCode.PAID))
                .isInstanceOf(AuthorizationDeniedException.class);
        assertThatThrownBy(() -> tenants.all()).isInstanceOf(AuthorizationDeniedException.class);
        fixtures.signInAs(Fixtures.MEMBER);
        assertThatThrownBy(() -> tenants.changeTier(own, TierCode.PAID))
                .isInstanceOf(AuthorizationDeniedException.class);
        assertThat(tenants.current().tier().code()).isEqualTo(TierCode.FREE);
    }
}

package dev.nonstop.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nonstop.audit.AuditFilter;
import dev.nonstop.audit.AuditLog;
import dev.nonstop.common.AccessDenied;
import dev.nonstop.security.AccountService;
import dev.nonstop.security.SignUpResult;
import dev.nonstop.testsupport.Fixtures;
import dev.nonstop.testsupport.IntegrationTest;
import dev.nonstop.tier.TierCode;
import dev.nonstop.tier.TierService;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authorization.AuthorizationDeniedException;

/**
 * Tenant A's owner calls every service method that takes a tenant, request or tier with tenant B's
 * ids (and the admin-only ones), and is refused each time; B's data is unchanged afterwards.
 */
@IntegrationTest
class TenantIsolationTest {

    @Autowired Fixtures fixtures;
    @Autowired TenantService tenants;
    @Autowired UpgradeService upgrades;
    @Autowired AccountService accounts;
    @Autowired TierService tiers;
    @Autowired AuditLog audit;

    @AfterEach
    void signOut() {
        fixtures.signOut();
    }

    @Test
    void a_tenant_can_never_read_or_change_another_tenants_things() {
        SignUpResult a = fixtures.newTenant();
        SignUpResult b = fixtures.newTenant();
        fixtures.signInAs(b.email().value());
        UpgradeRequest bRequest = upgrades.request("please");
        String bName = tenants.current().name();
        fixtures.signOut();

        fixtures.signInAs(a.email().value());
        long bId = b.tenantId();
        Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
        calls.put("TenantService.byId", () -> tenants.byId(bId));
        calls.put("TenantService.usage", () -> tenants.usage(bId));
        calls.put("TenantService.subscribeUsage", () -> tenants.subscribeUsage(bId, () -> { }));
        calls.put("TenantService.subscribeAllUsage", () -> tenants.subscribeAllUsage(() -> { }));
        calls.put("TenantService.all", () -> tenants.all());
        calls.put("TenantService.changeTier", () -> tenants.changeTier(bId, TierCode.PAID));
        calls.put("TenantService.changeTier(scaleDown)", () -> tenants.changeTier(bId, TierCode.PAID, true));
        calls.put("TenantService.delete", () -> tenants.delete(bId, bName));
        calls.put("UpgradeService.latestOf", () -> upgrades.latestOf(bId));
        calls.put("UpgradeService.pending", () -> upgrades.pending());
        calls.put("UpgradeService.approve", () -> upgrades.approve(bRequest.id()));
        calls.put("UpgradeService.deny", () -> upgrades.deny(bRequest.id(), "no"));
        calls.put("UpgradeService.decide(admin)", () -> upgrades.decide(bRequest.id(), UpgradeState.APPROVED,
                UpgradeDecider.admin(a.email().value()), null));
        calls.put("UpgradeService.decide(payment)", () -> upgrades.decide(bRequest.id(), UpgradeState.APPROVED,
                UpgradeDecider.payment("forged", "1"), null));
        calls.put("AccountService.members", () -> accounts.members(bId));
        calls.put("AccountService.memberCounts", () -> accounts.memberCounts());
        calls.put("AccountService.removeTenantAccounts", () -> accounts.removeTenantAccounts(bId));
        calls.put("TierService.updateLimits", () -> tiers.updateLimits(TierCode.FREE,
                tiers.byCode(TierCode.FREE).limits(), tiers.byCode(TierCode.FREE).version()));
        calls.put("TierService.tenantsOn", () -> tiers.tenantsOn(TierCode.FREE));
        calls.put("AuditLog.search", () -> audit.search(new AuditFilter(null, b.slug().value(), null, null, null)));
        calls.put("AuditLog.latestOf", () -> audit.latestOf(b.slug().value(), 10));

        calls.forEach((name, call) -> assertThatThrownBy(call).as(name)
                .isInstanceOfAny(AccessDenied.class, AuthorizationDeniedException.class));

        fixtures.signOut();
        fixtures.signInAs(Fixtures.ADMIN);
        assertThat(tenants.byId(bId).tier().code()).isEqualTo(TierCode.FREE);
        assertThat(accounts.members(bId)).hasSize(1);
        assertThat(upgrades.latestOf(bId)).get().extracting(UpgradeRequest::state).isEqualTo(UpgradeState.PENDING);
    }
}

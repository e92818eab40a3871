package dev.nonstop.tier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nonstop.audit.AuditFilter;
import dev.nonstop.audit.AuditLog;
import dev.nonstop.common.UserError;
import dev.nonstop.testsupport.Fixtures;
import dev.nonstop.testsupport.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authorization.AuthorizationDeniedException;

@IntegrationTest
class TierServiceTest {

    @Autowired TierService tiers;
    @Autowired AuditLog audit;
    @Autowired Fixtures fixtures;

    @AfterEach
    void signOut() {
        fixtures.signOut();
    }

    private static TierLimits withBuildsPerDay(TierLimits l, int buildsPerDay) {
        return new TierLimits(l.maxApps(), l.minReplicas(), l.maxReplicas(), l.largestSize(),
                l.quotaCpuRequestsMilli(), l.quotaCpuLimitsMilli(), l.quotaMemoryRequestsMib(),
                l.quotaMemoryLimitsMib(), l.quotaPods(), buildsPerDay, l.concurrentBuilds(),
                l.assistantMessagesPerHour(), l.zonesPromised());
    }

    @Test
    void the_seeded_tiers_are_free_and_paid_with_consistent_limits() {
        assertThat(tiers.all()).extracting(Tier::code).containsExactly(TierCode.FREE, TierCode.PAID);
        assertThat(tiers.all()).allSatisfy(t -> assertThat(t.limits().problems()).isEmpty());
        assertThat(tiers.byCode(TierCode.PAID).limits().zonesPromised()).isTrue();
        assertThat(tiers.byCode(TierCode.FREE).limits().minReplicas()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void an_admin_changes_limits_and_the_change_is_audited() {
        fixtures.signInAs(Fixtures.ADMIN);
        Tier paid = tiers.byCode(TierCode.PAID);
        Tier saved = tiers.updateLimits(TierCode.PAID, withBuildsPerDay(paid.limits(), 120), paid.version());

        assertThat(saved.limits().buildsPerDay()).isEqualTo(120);
        assertThat(tiers.byCode(TierCode.PAID).limits().buildsPerDay()).isEqualTo(120);
        assertThat(audit.search(new AuditFilter(Fixtures.ADMIN, null, "tier.limits", null, null)))
                .first().satisfies(e -> {
                    assertThat(e.actor()).isEqualTo(Fixtures.ADMIN);
                    assertThat(e.detail()).contains("PAID").contains("buildsPerDay=120");
                });
        tiers.updateLimits(TierCode.PAID, paid.limits(), saved.version());
    }

    @Test
    void invalid_limits_are_refused_with_every_problem_and_nothing_changes() {
        fixtures.signInAs(Fixtures.ADMIN);
        Tier free = tiers.byCode(TierCode.FREE);
        TierLimits broken = new TierLimits(2, 1, 3, free.limits().largestSize(), 100, 2000, 1024, 2048, 10, 10, 1,
                20, false);
        assertThatThrownBy(() -> tiers.updateLimits(TierCode.FREE, broken, free.version()))
                .isInstanceOfSatisfying(InvalidTierLimits.class,
                        e -> assertThat(e.problems()).extracting(TierLimits.Problem::field).contains("minReplicas"));
        assertThat(tiers.byCode(TierCode.FREE)).isEqualTo(free);
    }

    @Test
    void a_stale_edit_is_refused_instead_of_overwriting() {
        fixtures.signInAs(Fixtures.ADMIN);
        Tier free = tiers.byCode(TierCode.FREE);
        assertThatThrownBy(() -> tiers.updateLimits(TierCode.FREE, free.limits(), free.version() - 1))
                .extracting(e -> ((UserError) e).key()).isEqualTo("tier.changed-meanwhile");
    }

    @Test
    void members_and_owners_cannot_change_tiers_by_calling_the_service() {
        Tier free = tiers.byCode(TierCode.FREE);
        for (String user : new String[] {Fixtures.MEMBER, Fixtures.OWNER}) {
            fixtures.signInAs(user);
            assertThatThrownBy(() -> tiers.updateLimits(TierCode.FREE, free.limits(), free.version()))
                    .as(user).isInstanceOf(AuthorizationDeniedException.class);
        }
        fixtures.signOut();
        assertThatThrownBy(() -> tiers.updateLimits(TierCode.FREE, free.limits(), free.version()))
                .isInstanceOf(org.springframework.security.core.AuthenticationException.class);
    }
}

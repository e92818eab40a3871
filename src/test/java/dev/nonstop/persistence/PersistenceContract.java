package dev.nonstop.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nonstop.audit.AuditFilter;
import dev.nonstop.audit.AuditLog;
import dev.nonstop.common.UserError;
import dev.nonstop.security.AccountService;
import dev.nonstop.security.LoginThrottle;
import dev.nonstop.security.SignUpRequest;
import dev.nonstop.security.SignUpResult;
import dev.nonstop.tenant.TenantService;
import dev.nonstop.tenant.UpgradeRequest;
import dev.nonstop.tenant.UpgradeService;
import dev.nonstop.tenant.UpgradeState;
import dev.nonstop.testsupport.Fixtures;
import dev.nonstop.tier.Tier;
import dev.nonstop.tier.TierCode;
import dev.nonstop.tier.TierService;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What persistence must do on every database Nonstop supports. Run against H2 (the embedded default)
 * and a real MySQL-compatible server by the subclasses, through the same Flyway migrations.
 */
abstract class PersistenceContract {

    @Autowired JdbcTemplate jdbc;
    @Autowired AccountService accounts;
    @Autowired TenantService tenants;
    @Autowired UpgradeService upgrades;
    @Autowired TierService tiers;
    @Autowired AuditLog audit;
    @Autowired LoginThrottle throttle;
    @Autowired Fixtures fixtures;

    @AfterEach
    void signOut() {
        fixtures.signOut();
    }

    @Test
    void the_migrations_ran_and_seeded_both_tiers() {
        List<String> applied = jdbc.queryForList(
                "select version from flyway_schema_history where success = true order by installed_rank",
                String.class);
        assertThat(applied).contains("1", "2", "3");
        assertThat(jdbc.queryForList("select code from tiers order by id", String.class))
                .containsExactly("FREE", "PAID");
        assertThat(tiers.byCode(TierCode.FREE).limits().quotaPersistentVolumeClaims()).isZero();
        assertThat(tiers.byCode(TierCode.PAID).limits().quotaPersistentVolumeClaims()).isPositive();
    }

    @Test
    void korean_and_emoji_names_survive_the_round_trip() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        accounts.signUp(new SignUpRequest("utf8-" + suffix + "@example.com", "a long enough passphrase",
                "김민지 👩‍💻", "민지네 빵집 🍞 " + suffix, "bakery-" + suffix));
        fixtures.signInAs("utf8-" + suffix + "@example.com");
        assertThat(tenants.current().name()).isEqualTo("민지네 빵집 🍞 " + suffix);
    }

    @Test
    void a_refused_sign_up_rolls_back_the_tenant_row() {
        int before = jdbc.queryForObject("select count(*) from tenants", Integer.class);
        assertThatThrownBy(() -> accounts.signUp(new SignUpRequest(Fixtures.OWNER, "a long enough passphrase", "X",
                "Dup Co", "dup-co-" + UUID.randomUUID().toString().substring(0, 6))))
                .isInstanceOf(UserError.class);
        assertThat(jdbc.queryForObject("select count(*) from tenants", Integer.class)).isEqualTo(before);
    }

    @Test
    void tier_edits_are_versioned_and_audited() {
        fixtures.signInAs(Fixtures.ADMIN);
        Tier free = tiers.byCode(TierCode.FREE);
        var l = free.limits();
        var more = new dev.nonstop.tier.TierLimits(l.maxApps(), l.minReplicas(), l.maxReplicas(), l.largestSize(),
                l.quotaCpuRequestsMilli(), l.quotaCpuLimitsMilli(), l.quotaMemoryRequestsMib(),
                l.quotaMemoryLimitsMib(), l.quotaPods(), l.buildsPerDay() + 1, l.concurrentBuilds(),
                l.assistantMessagesPerHour(), l.zonesPromised());
        Tier saved = tiers.updateLimits(TierCode.FREE, more, free.version());
        assertThat(saved.version()).isEqualTo(free.version() + 1);
        assertThat(tiers.byCode(TierCode.FREE).limits().buildsPerDay()).isEqualTo(l.buildsPerDay() + 1);
        assertThatThrownBy(() -> tiers.updateLimits(TierCode.FREE, l, free.version()))
                .isInstanceOf(UserError.class);
        tiers.updateLimits(TierCode.FREE, l, saved.version());
        assertThat(audit.search(new AuditFilter(Fixtures.ADMIN, null, "tier.limits.changed", null, null)))
                .isNotEmpty();
    }

    @Test
    void tenants_move_between_tiers() {
        SignUpResult tenant = fixtures.newTenant();
        fixtures.signInAs(Fixtures.ADMIN);
        assertThat(tenants.changeTier(tenant.tenantId(), TierCode.PAID).tier().code()).isEqualTo(TierCode.PAID);
        assertThat(audit.latestOf(tenant.slug().value(), 5)).extracting(e -> e.action())
                .contains("tenant.tier.changed", "tenant.signed-up");
    }

    @Test
    void login_throttling_buckets_live_in_the_database() {
        String email = UUID.randomUUID() + "@example.com";
        for (int i = 0; i < 5; i++) {
            throttle.failed(email, "192.0.2.200");
        }
        assertThat(throttle.blockedUntil(email, "192.0.2.200")).isPresent();
        assertThat(jdbc.queryForObject("select count(*) from bucket", Integer.class)).isPositive();
    }

    @Test
    void upgrade_requests_keep_their_note_decision_and_reason() {
        SignUpResult tenant = fixtures.newTenant();
        fixtures.signInAs(tenant.email().value());
        UpgradeRequest asked = upgrades.request("지점 두 곳을 엽니다 🎉");
        fixtures.signOut();
        fixtures.signInAs(Fixtures.ADMIN);
        upgrades.deny(asked.id(), "사업자 등록증이 필요합니다");
        assertThat(upgrades.latestOf(tenant.tenantId())).get().satisfies(r -> {
            assertThat(r.note()).isEqualTo("지점 두 곳을 엽니다 🎉");
            assertThat(r.state()).isEqualTo(UpgradeState.DENIED);
            assertThat(r.reason()).isEqualTo("사업자 등록증이 필요합니다");
            assertThat(r.decidedAt()).isAfterOrEqualTo(r.requestedAt());
        });
    }
}

package dev.nonstop.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nonstop.audit.AuditLog;
import dev.nonstop.common.UserError;
import dev.nonstop.security.internal.UserAccountRepository;
import dev.nonstop.tenant.TenantService;
import dev.nonstop.testsupport.Fixtures;
import dev.nonstop.testsupport.IntegrationTest;
import dev.nonstop.tier.TierCode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

@IntegrationTest
class SignUpTest {

    @Autowired AccountService accounts;
    @Autowired TenantService tenants;
    @Autowired UserAccountRepository users;
    @Autowired PasswordEncoder encoder;
    @Autowired AuditLog audit;
    @Autowired JdbcTemplate jdbc;
    @Autowired Fixtures fixtures;

    @AfterEach
    void signOut() {
        fixtures.signOut();
    }

    private int count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Integer.class);
    }

    private static String keyOf(Throwable e) {
        return ((UserError) e).key();
    }

    @Test
    void a_new_account_owns_a_new_tenant_on_the_free_tier() {
        SignUpResult result = accounts.signUp(new SignUpRequest("Minji@Example.com", "a long enough passphrase",
                "김민지", "Minji Bakery 민지베이커리", ""));

        assertThat(result.email().value()).isEqualTo("minji@example.com");
        // the Korean part is romanized into the suggested URL name, not dropped
        assertThat(result.slug().value()).isEqualTo("minji-bakery-minjibeikeori");
        fixtures.signInAs("minji@example.com");
        var tenant = tenants.current();
        assertThat(tenant.name()).isEqualTo("Minji Bakery 민지베이커리");
        assertThat(tenant.tier().code()).isEqualTo(TierCode.FREE);
        assertThat(accounts.members(tenant.id())).singleElement()
                .satisfies(m -> assertThat(m.role()).isEqualTo(Role.OWNER));
        fixtures.signInAs(Fixtures.ADMIN);
        assertThat(audit.latestOf("minji-bakery-minjibeikeori", 5)).extracting(e -> e.action()).contains("tenant.signed-up");
    }

    @Test
    void passwords_are_stored_as_argon2_hashes_only() {
        accounts.signUp(new SignUpRequest("hash@example.com", "another fine passphrase", "H", "Hash Co", ""));
        String stored = users.findByEmail("hash@example.com").orElseThrow().passwordHash();
        assertThat(stored).startsWith("$argon2id$").doesNotContain("another fine passphrase");
        assertThat(encoder.matches("another fine passphrase", stored)).isTrue();
    }

    @Test
    void a_duplicate_email_or_slug_is_refused_clearly_and_saves_nothing() {
        int tenantsBefore = count("tenants");
        int usersBefore = count("users");
        assertThatThrownBy(() -> accounts.signUp(new SignUpRequest(Fixtures.OWNER, "a long enough passphrase",
                "Someone", "Other Co", ""))).extracting(SignUpTest::keyOf).isEqualTo("error.email.taken");
        assertThatThrownBy(() -> accounts.signUp(new SignUpRequest("new-person@example.com",
                "a long enough passphrase", "Someone", "Other Co", "fixture-co")))
                .extracting(SignUpTest::keyOf).isEqualTo("error.slug.taken");
        assertThat(count("tenants")).isEqualTo(tenantsBefore);
        assertThat(count("users")).isEqualTo(usersBefore);
    }

    @Test
    void bad_input_in_any_field_is_refused_and_leaves_nothing_half_saved() {
        int tenantsBefore = count("tenants");
        int usersBefore = count("users");
        int membershipsBefore = count("memberships");
        List<SignUpRequest> bad = List.of(
                new SignUpRequest("", "a long enough passphrase", "A", "B Co", ""),
                new SignUpRequest("x@example.com", "short", "A", "Bad Pw Co", ""),
                new SignUpRequest("x@example.com", "password1234", "A", "Common Pw Co", ""),
                new SignUpRequest("x@example.com", "a long enough passphrase", "", "No Name Co", ""),
                new SignUpRequest("x@example.com", "a long enough passphrase", "A".repeat(81), "Long Name Co", ""),
                new SignUpRequest("x@example.com", "a long enough passphrase", "A", "C".repeat(101), ""),
                new SignUpRequest("x@example.com", "a long enough passphrase", "Evil\u202Eeman", "RTL Co", ""),
                new SignUpRequest("x@example.com", "a long enough passphrase", "A", "가", ""),
                new SignUpRequest("x@example.com", "a long enough passphrase", "A", "Reserved", "kube-system"));
        for (SignUpRequest request : bad) {
            assertThatThrownBy(() -> accounts.signUp(request)).as(request.toString()).isInstanceOf(UserError.class);
        }
        assertThat(count("tenants")).isEqualTo(tenantsBefore);
        assertThat(count("users")).isEqualTo(usersBefore);
        assertThat(count("memberships")).isEqualTo(membershipsBefore);
    }

    @Test
    void html_in_names_is_kept_as_text() {
        accounts.signUp(new SignUpRequest("html@example.com", "a long enough passphrase",
                "<img src=x onerror=alert(1)>", "<script>alert('x')</script> Ltd", "html-ltd"));
        fixtures.signInAs("html@example.com");
        assertThat(tenants.current().name()).isEqualTo("<script>alert('x')</script> Ltd");
    }

    @Test
    void two_simultaneous_sign_ups_with_one_email_create_exactly_one_tenant() throws Exception {
        int tenantsBefore = count("tenants");
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<String>> tasks = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String slug = "race-" + i;
            tasks.add(() -> {
                start.await();
                try {
                    accounts.signUp(new SignUpRequest("race@example.com", "a long enough passphrase", "R",
                            "Race " + slug, slug));
                    return "ok";
                } catch (UserError refused) {
                    return refused.key();
                }
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> results = tasks.stream().map(pool::submit).toList();
            start.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<String> f : results) {
                outcomes.add(f.get());
            }
            assertThat(outcomes).containsExactlyInAnyOrder("ok", "error.email.taken");
        } finally {
            pool.shutdownNow();
        }
        assertThat(count("tenants")).isEqualTo(tenantsBefore + 1);
    }
}

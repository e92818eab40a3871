package dev.nonstop.testsupport;

import dev.nonstop.common.Email;
import dev.nonstop.security.AccountService;
import dev.nonstop.security.SignUpRequest;
import dev.nonstop.security.SignUpResult;
import dev.nonstop.security.internal.NonstopUserDetailsService;
import dev.nonstop.security.internal.UserAccountRepository;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accounts the tests act as. Seeded once per context: an owner and a member of tenant
 * {@code fixture-co}, and a platform admin. {@link #newTenant()} makes fresh ones for tests that change things.
 */
@TestConfiguration(proxyBeanMethods = false)
public class Fixtures implements ApplicationRunner {

    public static final String PASSWORD = "fixture passphrase 1";
    public static final String OWNER = "owner@fixture.test";
    public static final String MEMBER = "member@fixture.test";
    public static final String ADMIN = "admin@fixture.test";
    /** Owner of a tenant whose name is an HTML/script injection attempt, to prove views escape it. */
    public static final String HTML_OWNER = "html-owner@fixture.test";
    public static final String HTML_COMPANY = "<b>Bold</b> & <script>alert('x')</script> Co";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final AccountService accounts;
    private final UserAccountRepository users;
    private final NonstopUserDetailsService details;
    private final TransactionTemplate tx;
    private final org.springframework.beans.factory.ObjectProvider<dev.nonstop.app.AppService> apps;
    private final org.springframework.beans.factory.ObjectProvider<dev.nonstop.build.BuildService> builds;

    Fixtures(AccountService accounts, UserAccountRepository users, NonstopUserDetailsService details,
             TransactionTemplate tx, org.springframework.beans.factory.ObjectProvider<dev.nonstop.app.AppService> apps,
             org.springframework.beans.factory.ObjectProvider<dev.nonstop.build.BuildService> builds) {
        this.accounts = accounts;
        this.users = users;
        this.details = details;
        this.tx = tx;
        this.apps = apps;
        this.builds = builds;
    }

    /**
     * Deletes every app and app source of a fixture account's tenant, and ends the builds a test left
     * running, so a test that makes apps starts within the tier's limits whatever ran before it. The
     * caller's sign-in is kept.
     */
    public void emptyTenant(String email) {
        var saved = SecurityContextHolder.getContext().getAuthentication();
        try {
            signInAs(email);
            // builds a test left running hold the tier's concurrent build: cancel them and wait for the end
            var service = builds.getObject();
            service.recent(100).stream().filter(b -> !b.status().finished()).forEach(b -> service.cancel(b.id()));
            Eventually.within(java.time.Duration.ofSeconds(30), () -> org.assertj.core.api.Assertions.assertThat(
                    service.recent(100)).allMatch(b -> b.status().finished()));
            apps.getObject().apps().forEach(app -> apps.getObject().delete(app.id(), app.name()));
            builds.getObject().sources().forEach(source -> builds.getObject().removeSource(source.id(),
                    source.name()));
        } finally {
            SecurityContextHolder.getContext().setAuthentication(saved);
        }
    }

    @Override
    public void run(ApplicationArguments args) {
        if (users.existsByEmail(OWNER)) {
            return;
        }
        SignUpResult owner = accounts.signUp(new SignUpRequest(OWNER, PASSWORD, "Olivia Owner", "Fixture Co",
                "fixture-co"));
        accounts.joinTenant(owner.tenantId(), new Email(MEMBER), "Mina Member", PASSWORD);
        accounts.signUp(new SignUpRequest(ADMIN, PASSWORD, "Ada Admin", "Fixture Ops", "fixture-ops"));
        tx.executeWithoutResult(status -> users.findByEmail(ADMIN).orElseThrow().makePlatformAdmin());
        accounts.signUp(new SignUpRequest(HTML_OWNER, PASSWORD, "<img src=x onerror=alert(1)>", HTML_COMPANY,
                "html-co"));
    }

    /** Signs up a new owner with a new tenant; returns the result. */
    public SignUpResult newTenant() {
        int n = COUNTER.incrementAndGet();
        String suffix = n + "-" + Long.toString(System.nanoTime(), 36);
        return accounts.signUp(new SignUpRequest("owner" + suffix + "@example.test", PASSWORD, "Owner " + n,
                "Company " + suffix, "co-" + suffix));
    }

    /** Acts as this account for the rest of the test (until {@link #signOut()}). */
    public void signInAs(String email) {
        UserDetails user = details.loadUserByUsername(email);
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
    }

    public void signOut() {
        SecurityContextHolder.clearContext();
    }
}

package dev.nonstop.security;

import static dev.nonstop.testsupport.Refusals.refused;
import static dev.nonstop.testsupport.Refusals.refusedWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.nonstop.audit.AuditFilter;
import dev.nonstop.audit.AuditLog;
import dev.nonstop.common.AccessDenied;
import dev.nonstop.common.Email;
import dev.nonstop.common.TenantSlug;
import dev.nonstop.kube.InformerRegistry;
import dev.nonstop.ratelimit.RateLimiter;
import dev.nonstop.security.internal.PlatformSettingRepository;
import dev.nonstop.security.internal.SignUpInvitationRepository;
import dev.nonstop.security.internal.SignUpRequestRepository;
import dev.nonstop.testsupport.Fixtures;
import dev.nonstop.testsupport.IntegrationTest;
import io.fabric8.kubernetes.api.model.Namespace;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.security.web.WebAttributes;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** Who may create a company: throttled sign-ups, and the open / approval / invitation-only modes. */
@IntegrationTest
class SignUpModesTest {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    @Autowired SignUpService signUps;
    @Autowired AccountService accounts;
    @Autowired TenantRegistrar registrar;
    @Autowired Fixtures fixtures;
    @Autowired AuditLog audit;
    @Autowired InformerRegistry informers;
    @Autowired RateLimiter limiter;
    @Autowired PlatformSettingRepository settings;
    @Autowired SignUpRequestRepository requests;
    @Autowired SignUpInvitationRepository invitations;
    @Autowired Caller caller;
    @Autowired WebApplicationContext web;

    @AfterEach
    void open() {
        fixtures.signInAs(Fixtures.ADMIN);
        signUps.setMode(SignUpMode.OPEN);
        fixtures.signOut();
    }

    private static SignUpRequest request() {
        String n = COUNTER.incrementAndGet() + "-" + Long.toString(System.nanoTime(), 36);
        return new SignUpRequest("person-" + n + "@example.org", "a long enough passphrase", "Person " + n,
                "Company " + n, "mode-" + n);
    }

    private static String address() {
        int n = COUNTER.incrementAndGet();
        return "203.0." + (n / 250 % 250) + "." + (n % 250 + 1);
    }

    private void mode(SignUpMode mode) {
        fixtures.signInAs(Fixtures.ADMIN);
        signUps.setMode(mode);
        fixtures.signOut();
    }

    /** The portal's sign-up service with its own (small) limits, so no other test shares its buckets. */
    private SignUpService throttled(int perAddress, int perHour) {
        SignUpThrottle tight = new SignUpThrottle(limiter, perAddress, perHour, "test-" + System.nanoTime());
        return new SignUpService(accounts, registrar, tight, settings, requests, invitations, caller, audit,
                Clock.systemUTC());
    }

    @Test
    void sign_ups_from_one_address_are_throttled_and_say_when_to_come_back() {
        SignUpService service = throttled(3, 100);
        String crowded = address();
        for (int i = 0; i < 3; i++) {
            assertThat(service.submit(request(), crowded, null).pending()).isFalse();
        }
        SignUpRequest fourth = request();
        refusedWith(() -> service.submit(fourth, crowded, null), "signup.throttled");
        assertThat(accounts.emailTaken(new Email(fourth.email()))).isFalse();
        // another network is not held back by this one
        assertThat(service.submit(request(), address(), null).email()).isNotNull();
        // and a refused sign-up (a typo) does not count
        String careful = address();
        for (int i = 0; i < 5; i++) {
            refusedWith(() -> service.submit(new SignUpRequest("not an email", "a long enough passphrase", "N", "N Co",
                    ""), careful, null), "error.email.invalid");
        }
        assertThat(service.submit(request(), careful, null).pending()).isFalse();
    }

    @Test
    void sign_ups_are_throttled_overall_too() {
        SignUpService service = throttled(100, 2);
        service.submit(request(), address(), null);
        service.submit(request(), address(), null);
        refusedWith(() -> service.submit(request(), address(), null), "signup.throttled");
    }

    @Test
    void in_approval_mode_nothing_exists_until_an_admin_approves() throws Exception {
        mode(SignUpMode.APPROVAL);
        SignUpRequest asked = request();
        SignUpOutcome outcome = signUps.submit(asked, address(), null);
        assertThat(outcome.pending()).isTrue();
        assertThat(accounts.emailTaken(new Email(asked.email()))).isFalse();
        assertThat(registrar.idOf(new TenantSlug(asked.slug()))).isEmpty();
        refusedWith(() -> signUps.submit(asked, address(), null), "signup.already-asked");

        // signing in says it waits for approval (not "wrong password"); a wrong password says nothing of it
        var mvc = MockMvcBuilders.webAppContextSetup(web).apply(SecurityMockMvcConfigurers.springSecurity()).build();
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/login").param("username", asked.email()).param("password", asked.password())
                .session(session).with(csrf())).andReturn();
        assertThat(session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION)).isInstanceOf(SignUpPendingException.class);
        assertThat(signUps.waitingForApproval(asked.email(), "not the password")).isFalse();

        fixtures.signInAs(Fixtures.OWNER);
        refused(() -> signUps.pending(), AccessDenied.class, "error.access-denied");
        fixtures.signInAs(Fixtures.ADMIN);
        PendingSignUp pending = signUps.pending().stream().filter(p -> p.email().value().equals(asked.email()))
                .findFirst().orElseThrow();
        signUps.approve(pending.id());
        assertThat(accounts.emailTaken(new Email(asked.email()))).isTrue();
        assertThat(signUps.pending()).noneMatch(p -> p.id() == pending.id());
        String namespace = new TenantSlug(asked.slug()).namespace();
        dev.nonstop.testsupport.Eventually.within(Duration.ofSeconds(20), () -> assertThat(
                informers.managed(Namespace.class).get("", namespace)).isPresent());
        assertThat(audit.search(new AuditFilter(null, asked.slug(), "platform.signup-approved", null, null)))
                .hasSize(1);
    }

    @Test
    void a_turned_down_sign_up_leaves_nothing_but_the_audit_entry() {
        mode(SignUpMode.APPROVAL);
        SignUpRequest asked = request();
        signUps.submit(asked, address(), null);
        fixtures.signInAs(Fixtures.ADMIN);
        PendingSignUp pending = signUps.pending().stream().filter(p -> p.email().value().equals(asked.email()))
                .findFirst().orElseThrow();
        signUps.reject(pending.id(), "not a real company");
        assertThat(signUps.pending()).noneMatch(p -> p.id() == pending.id());
        assertThat(signUps.waitingForApproval(asked.email(), asked.password())).isFalse();
        assertThat(accounts.emailTaken(new Email(asked.email()))).isFalse();
        assertThat(audit.search(new AuditFilter(null, null, "platform.signup-rejected", null, null)))
                .anyMatch(e -> e.detail().contains(asked.email()) && e.detail().contains("not a real company"));
        refusedWith(() -> signUps.approve(pending.id()), "signup.request-gone");
    }

    @Test
    void invitation_only_mode_needs_a_link_that_works_once() {
        mode(SignUpMode.INVITATION);
        refusedWith(() -> signUps.submit(request(), address(), null), "signup.invitation-only");
        refusedWith(() -> signUps.submit(request(), address(), "forged-token"), "signup.invitation-invalid");
        fixtures.signInAs(Fixtures.OWNER);
        refused(() -> signUps.invite("for a friend"), AccessDenied.class, "error.access-denied");
        fixtures.signInAs(Fixtures.ADMIN);
        String path = signUps.invite("Minji's bakery");
        fixtures.signOut();
        String token = path.substring(path.indexOf("invite=") + 7);
        assertThat(signUps.invitationOpen(token)).isTrue();
        SignUpRequest invited = request();
        assertThat(signUps.submit(invited, address(), token).pending()).isFalse();
        assertThat(accounts.emailTaken(new Email(invited.email()))).isTrue();
        assertThat(signUps.invitationOpen(token)).isFalse();
        refusedWith(() -> signUps.submit(request(), address(), token), "signup.invitation-invalid");
    }

    @Test
    void only_admins_change_the_mode_and_every_change_is_audited() {
        fixtures.signInAs(Fixtures.OWNER);
        refused(() -> signUps.setMode(SignUpMode.OPEN), AccessDenied.class, "error.access-denied");
        fixtures.signInAs(Fixtures.ADMIN);
        signUps.setMode(SignUpMode.APPROVAL);
        assertThat(signUps.mode()).isEqualTo(SignUpMode.APPROVAL);
        assertThat(audit.search(new AuditFilter(null, null, "platform.signup-mode", null, null)))
                .anyMatch(e -> e.detail().contains("to APPROVAL"));
    }
}

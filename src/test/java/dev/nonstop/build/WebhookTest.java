package dev.nonstop.build;

import static dev.nonstop.testsupport.Eventually.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.nonstop.sandbox.SandboxCluster;
import dev.nonstop.security.SignUpResult;
import dev.nonstop.testsupport.Fixtures;
import dev.nonstop.testsupport.GitFixtures;
import dev.nonstop.testsupport.GitServer;
import dev.nonstop.testsupport.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** GitHub push webhooks through the real HTTP stack (security filters included): signatures, replays, branches. */
@IntegrationTest
class WebhookTest {

    @Autowired WebApplicationContext context;
    @Autowired Fixtures fixtures;
    @Autowired BuildService builds;
    @Autowired SandboxCluster sandbox;
    @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;
    MockMvc http;
    GitServer git;
    BuildSource app;
    String secret;
    String commit;
    String ownerEmail;
    String path;
    /** GitHub's address in this test; each test has its own, so failure counts never cross tests. */
    String github;

    @BeforeEach
    void app() {
        http = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
        git = GitFixtures.shared();
        sandbox.running().orElseThrow().clock().setSpeed(40);
        SignUpResult owner = fixtures.newTenant();
        ownerEmail = owner.email().value();
        fixtures.signInAs(ownerEmail);
        Inspection inspection = builds.inspect(git.url("acme", "docker-app"), null);
        commit = inspection.ref().commit();
        app = builds.createSource("hooked", git.url("acme", "docker-app"), null, inspection.detection());
        secret = builds.webhook(app.id()).secret();
        path = builds.webhook(app.id()).path();
        github = address();
    }

    private static final java.util.concurrent.atomic.AtomicInteger ADDRESSES = new java.util.concurrent.atomic.AtomicInteger();

    private static String address() {
        int n = ADDRESSES.incrementAndGet();
        return "198.51." + (n / 250) + "." + (n % 250 + 1);
    }

    @AfterEach
    void normal() {
        sandbox.running().orElseThrow().clock().setSpeed(1);
        fixtures.signOut();
    }

    private String push(String branch, String after) {
        return "{\"ref\":\"refs/heads/" + branch + "\",\"after\":\"" + after + "\",\"deleted\":false,"
                + "\"repository\":{\"default_branch\":\"main\"},\"pusher\":{\"name\":\"minji\"},"
                + "\"head_commit\":{\"id\":\"" + after + "\",\"message\":\"Fix the cart total\\n\\nRounding was off.\","
                + "\"author\":{\"name\":\"Kim Minji\"}}}";
    }

    private MockHttpServletResponse deliver(String event, String delivery, String signature, String body)
            throws Exception {
        return deliver(path, github, event, delivery, signature, body);
    }

    private MockHttpServletResponse deliver(String to, String from, String event, String delivery, String signature,
                                            String body) throws Exception {
        var request = post(to).content(body.getBytes(StandardCharsets.UTF_8))
                .with(r -> {
                    r.setRemoteAddr(from);
                    return r;
                })
                .contentType("application/json").header("X-GitHub-Event", event).header("X-GitHub-Delivery", delivery);
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        try {
            return http.perform(request).andReturn().getResponse();
        } finally {
            // the request ran with no session (as GitHub's does); the test goes on as the owner
            fixtures.signInAs(ownerEmail);
        }
    }

    private String sign(String body) {
        return WebhookService.sign(secret, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_signed_push_to_the_tracked_branch_builds_that_commit_once() throws Exception {
        String body = push("main", commit);
        String delivery = UUID.randomUUID().toString();
        MockHttpServletResponse response = deliver("push", delivery, sign(body), body);
        assertThat(response.getStatus()).isEqualTo(202);
        assertThat(response.getContentAsString()).contains("queued");
        within(Duration.ofSeconds(10), () -> assertThat(builds.recent(5)).singleElement().satisfies(b -> {
            assertThat(b.trigger()).isEqualTo(Build.Trigger.WEBHOOK);
            assertThat(b.commit()).isEqualTo(commit);
            assertThat(b.requestedBy()).isEqualTo("GitHub push by minji");
            // the delivery's own words for the commit: its first line and author
            assertThat(b.commitMessage()).isEqualTo("Fix the cart total");
            assertThat(b.commitAuthor()).isEqualTo("Kim Minji");
        }));

        MockHttpServletResponse replay = deliver("push", delivery, sign(body), body);
        assertThat(replay.getStatus()).isEqualTo(200);
        assertThat(replay.getContentAsString()).contains("duplicate");
        Thread.sleep(300);
        assertThat(builds.recent(5)).hasSize(1);
    }

    @Test
    void bad_or_missing_signatures_are_refused_and_build_nothing() throws Exception {
        String body = push("main", commit);
        assertThat(deliver("push", "d-1", null, body).getStatus()).isEqualTo(401);
        assertThat(deliver("push", "d-2", "sha256=" + "0".repeat(64), body).getStatus()).isEqualTo(401);
        assertThat(deliver("push", "d-3", "sha256=not-hex", body).getStatus()).isEqualTo(401);
        assertThat(deliver("push", "d-4", sign(body), body.replace("minji", "mallory")).getStatus()).isEqualTo(401);
        assertThat(deliver("push", "d-5", WebhookService.sign("another secret", body.getBytes(
                StandardCharsets.UTF_8)), body).getStatus()).isEqualTo(401);
        Thread.sleep(300);
        assertThat(builds.recent(5)).isEmpty();
    }

    @Test
    void pushes_to_other_branches_and_other_events_are_ignored() throws Exception {
        String other = push("develop", commit);
        MockHttpServletResponse response = deliver("push", "d-6", sign(other), other);
        assertThat(response.getStatus()).isEqualTo(202);
        assertThat(response.getContentAsString()).contains("ignored");
        assertThat(deliver("ping", "d-7", sign("{}"), "{}").getContentAsString()).isEqualTo("pong");
        Thread.sleep(300);
        assertThat(builds.recent(5)).isEmpty();
    }

    @Test
    void a_rotated_secret_replaces_the_old_one_at_once() throws Exception {
        String body = push("develop", commit);
        String old = sign(body);
        secret = builds.rotateWebhookSecret(app.id()).secret();
        assertThat(deliver("push", "d-8", old, body).getStatus()).isEqualTo(401);
        assertThat(deliver("push", "d-9", sign(body), body).getStatus()).isEqualTo(202);
    }

    @Test
    void the_webhook_address_cannot_be_guessed_and_survives_a_secret_rotation() throws Exception {
        assertThat(path).matches("/api/hooks/github/[A-Za-z0-9_-]{32}").doesNotContain("/" + app.id());
        Inspection inspection = builds.inspect(git.url("acme", "node-app"), null);
        BuildSource second = builds.createSource("hooked-2", git.url("acme", "node-app"), null, inspection.detection());
        assertThat(builds.webhook(second.id()).path()).isNotEqualTo(path);
        secret = builds.rotateWebhookSecret(app.id()).secret();
        assertThat(builds.webhook(app.id()).path()).isEqualTo(path);
        assertThat(deliver("ping", "k-1", sign("{}"), "{}").getStatus()).isEqualTo(200);
        // the sequential addresses of before are gone, with a message that says what to do
        MockHttpServletResponse old = deliver("/api/hooks/github/" + app.id(), github, "ping", "k-2", sign("{}"), "{}");
        assertThat(old.getStatus()).isEqualTo(410);
        assertThat(old.getContentAsString()).contains("copy the new payload URL");
    }

    @Test
    void forged_deliveries_neither_use_up_the_apps_deliveries_nor_write_anything() throws Exception {
        String body = push("main", commit);
        String attacker = address();
        int buckets = rows("SELECT COUNT(*) FROM bucket");
        int deliveries = rows("SELECT COUNT(*) FROM webhook_deliveries");
        for (int i = 0; i < WebhookService.FAILED_PER_ADDRESS.capacity(); i++) {
            // half to this app with a wrong signature, half to addresses that do not exist
            String to = i % 2 == 0 ? path : "/api/hooks/github/" + "x".repeat(31) + (char) ('a' + i % 26);
            assertThat(deliver(to, attacker, "push", "f-" + i, "sha256=" + "0".repeat(64), body).getStatus())
                    .isEqualTo(401);
        }
        assertThat(rows("SELECT COUNT(*) FROM bucket")).isEqualTo(buckets);
        assertThat(rows("SELECT COUNT(*) FROM webhook_deliveries")).isEqualTo(deliveries);
        // the attacker's address is now refused, before any lookup...
        assertThat(deliver(path, attacker, "push", "f-x", sign(body), body).getStatus()).isEqualTo(429);
        // ...while GitHub's real delivery goes through: the app's own budget was never touched
        for (int i = 0; i < WebhookService.PER_APP.capacity() - 1; i++) {
            assertThat(deliver("ping", "p-" + i, sign("{}"), "{}").getStatus()).isEqualTo(200);
        }
        MockHttpServletResponse real = deliver("push", UUID.randomUUID().toString(), sign(body), body);
        assertThat(real.getStatus()).isEqualTo(202);
    }

    private int rows(String sql) {
        Integer n = jdbc.queryForObject(sql, Integer.class);
        return n == null ? 0 : n;
    }

    @Test
    void deliveries_are_rate_limited_per_app() throws Exception {
        String body = "{}";
        int last = 0;
        for (int i = 0; i < WebhookService.PER_APP.capacity() + 1; i++) {
            last = deliver("ping", "r-" + i, sign(body), body).getStatus();
        }
        assertThat(last).isEqualTo(429);
    }
}

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
    MockMvc http;
    GitServer git;
    BuildSource app;
    String secret;
    String commit;
    String ownerEmail;

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
        assertThat(builds.webhook(app.id()).path()).isEqualTo("/api/hooks/github/" + app.id());
    }

    @AfterEach
    void normal() {
        sandbox.running().orElseThrow().clock().setSpeed(1);
        fixtures.signOut();
    }

    private String push(String branch, String after) {
        return "{\"ref\":\"refs/heads/" + branch + "\",\"after\":\"" + after + "\",\"deleted\":false,"
                + "\"repository\":{\"default_branch\":\"main\"},\"pusher\":{\"name\":\"minji\"}}";
    }

    private MockHttpServletResponse deliver(String event, String delivery, String signature, String body)
            throws Exception {
        var request = post("/api/hooks/github/" + app.id()).content(body.getBytes(StandardCharsets.UTF_8))
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
    void deliveries_are_rate_limited_per_app() throws Exception {
        String body = "{}";
        int last = 0;
        for (int i = 0; i < WebhookService.PER_APP.capacity() + 1; i++) {
            last = deliver("ping", "r-" + i, sign(body), body).getStatus();
        }
        assertThat(last).isEqualTo(429);
    }
}

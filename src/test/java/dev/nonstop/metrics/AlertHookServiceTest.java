package dev.nonstop.metrics;

import static dev.nonstop.testsupport.Eventually.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.nonstop.audit.AuditFilter;
import dev.nonstop.audit.AuditLog;
import dev.nonstop.common.AccessDenied;
import dev.nonstop.common.UserError;
import dev.nonstop.metrics.internal.AlertmanagerIntake;
import dev.nonstop.metrics.internal.HookAddress;
import dev.nonstop.security.SignUpResult;
import dev.nonstop.source.HostResolver;
import dev.nonstop.testsupport.Fixtures;
import dev.nonstop.testsupport.IntegrationTest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Alerts posted to a tenant's chat: a real HTTP server on loopback stands in for Slack (the only thing
 * outside our reach); the address rules refuse what could reach inside the network, and the address,
 * a credential, is never shown or audited after entry.
 */
@IntegrationTest
class AlertHookServiceTest {

    @Autowired Fixtures fixtures;
    @Autowired AlertHookService hooks;
    @Autowired AlertService alerts;
    @Autowired AlertmanagerIntake intake;
    @Autowired AuditLog audit;
    HttpServer chat;
    final List<String> posted = new CopyOnWriteArrayList<>();
    volatile int answer = 200;
    SignUpResult owner;

    @BeforeEach
    void start() throws Exception {
        chat = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        chat.createContext("/", exchange -> {
            try (exchange) {
                posted.add(exchange.getRequestURI().getPath() + " " + exchange.getRequestHeaders()
                        .getFirst("Content-Type") + " " + new String(exchange.getRequestBody().readAllBytes(),
                        StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(answer, -1);
            }
        });
        chat.start();
        owner = fixtures.newTenant();
        fixtures.signInAs(owner.email().value());
    }

    @AfterEach
    void stop() {
        fixtures.signOut();
        chat.stop(0);
    }

    private String address() {
        return "http://127.0.0.1:" + chat.getAddress().getPort() + "/services/T0001/B0002/s3cretPathToken9876";
    }

    private byte[] payload(String status) {
        return ("{\"version\":\"4\",\"status\":\"" + status + "\",\"alerts\":[{\"status\":\"" + status + "\","
                + "\"labels\":{\"alertname\":\"NonstopAppErrorsHigh\",\"namespace\":\"t-" + owner.slug().value()
                + "\",\"app\":\"web\",\"severity\":\"critical\"},\"annotations\":{\"summary\":\"errors\"},"
                + "\"startsAt\":\"2026-12-02T10:00:00Z\"" + (status.equals("resolved")
                ? ",\"endsAt\":\"2026-12-02T10:05:00Z\"" : "") + "}]}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void an_owner_sets_a_webhook_tests_it_and_alerts_are_posted_when_they_start_and_end_in_the_owners_language() {
        AlertHook hook = hooks.set(address(), Locale.KOREAN);
        assertThat(hook.hint()).doesNotContain("T0001/B0002").doesNotContain("s3cretPathToken");
        assertThat(hooks.hook()).contains(hook);

        AlertHook tested = hooks.test();
        assertThat(tested.lastError()).isNull();
        assertThat(tested.lastSentAt()).isNotNull();
        assertThat(posted).singleElement().asString().startsWith("/services/T0001/B0002/s3cretPathToken9876 "
                + "application/json").contains("\"text\":\"Nonstop: 테스트 메시지입니다.");

        intake.receive(payload("firing"));
        within(Duration.ofSeconds(10), () -> assertThat(posted).hasSize(2));
        assertThat(posted.get(1)).contains("[Nonstop] 심각: web:").contains("5xx");
        intake.receive(payload("firing")); // the same alert again: still one alert, posted once
        intake.receive(payload("resolved"));
        within(Duration.ofSeconds(10), () -> assertThat(posted).hasSize(3));
        assertThat(posted.get(2)).contains("[Nonstop] 해결됨: web:");

        // the address never reaches the audit trail
        fixtures.signInAs(Fixtures.ADMIN);
        assertThat(audit.search(new AuditFilter(null, owner.slug().value(), "alert.hook.set", null, null)))
                .singleElement().satisfies(e -> assertThat(e.toString()).doesNotContain("s3cretPathToken"));
    }

    @Test
    void a_failed_delivery_is_reported_and_a_removed_webhook_gets_nothing() {
        hooks.set(address(), Locale.ENGLISH);
        answer = 404;
        assertThat(hooks.test().lastError()).isEqualTo("HTTP 404");
        assertThat(hooks.hook().orElseThrow().lastError()).isEqualTo("HTTP 404");

        answer = 200;
        hooks.remove();
        assertThat(hooks.hook()).isEmpty();
        assertThatThrownBy(hooks::test).isInstanceOf(UserError.class).hasMessageContaining("alert.hook.none");
        intake.receive(payload("firing"));
        within(Duration.ofSeconds(10), () -> assertThat(alerts.firing()).isNotEmpty());
        assertThat(posted).hasSize(1); // only the test
    }

    @Test
    void only_owners_change_it_and_another_tenant_sees_nothing_of_it() {
        hooks.set(address(), Locale.ENGLISH);
        fixtures.signInAs(Fixtures.MEMBER);
        assertThat(hooks.hook()).isEmpty(); // the fixture tenant has none; the new tenant's is not visible
        assertThatThrownBy(() -> hooks.set(address(), Locale.ENGLISH)).isInstanceOf(AccessDenied.class);
        assertThatThrownBy(hooks::remove).isInstanceOf(AccessDenied.class);
        assertThatThrownBy(hooks::test).isInstanceOf(AccessDenied.class);
        fixtures.signInAs(owner.email().value());
        assertThat(hooks.hook()).isPresent();
    }

    @Test
    void addresses_that_could_reach_inside_the_network_are_refused_with_what_to_change() {
        HostResolver dns = host -> switch (host) {
            case "hooks.slack.com" -> List.of(InetAddress.getByName("34.1.2.3"));
            case "rebind.example" -> List.of(InetAddress.getByName("169.254.169.254"));
            case "intranet.example" -> List.of(InetAddress.getByName("10.1.2.3"));
            default -> throw new java.net.UnknownHostException(host);
        };
        HookAddress rules = new HookAddress(dns, Set.of());
        assertThat(rules.accept("https://hooks.slack.com/services/T/B/x").getHost()).isEqualTo("hooks.slack.com");
        record Case(String url, String key) {
        }
        for (Case c : List.of(new Case("", "alert.hook.empty"),
                new Case("http://hooks.slack.com/services/T/B/x", "alert.hook.https"),
                new Case("https://user:pw@hooks.slack.com/x", "alert.hook.credentials"),
                new Case("https://hooks.slack.com:8443/x", "alert.hook.port"),
                new Case("https://127.0.0.1/x", "alert.hook.literal"),
                new Case("https://[::1]/x", "alert.hook.literal"),
                new Case("https://2130706433/x", "alert.hook.literal"),
                new Case("https://rebind.example/x", "alert.hook.not-public"),
                new Case("https://intranet.example/x", "alert.hook.not-public"),
                new Case("https://nowhere.example/x", "alert.hook.unknown-host"),
                new Case("file:///etc/passwd", "alert.hook.malformed"),
                new Case("https://hooks.slack.com/x#frag", "alert.hook.malformed"),
                new Case("https://hooks.slack.com/" + "x".repeat(600), "alert.hook.too-long"))) {
            assertThatThrownBy(() -> rules.accept(c.url())).as(c.url()).isInstanceOf(UserError.class)
                    .hasMessageContaining(c.key());
        }
        // through the service: nothing is stored for a refused address
        assertThatThrownBy(() -> hooks.set("https://10.0.0.1/x", Locale.ENGLISH)).isInstanceOf(UserError.class);
        assertThat(hooks.hook()).isEmpty();
    }
}

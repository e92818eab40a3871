package dev.nonstop.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import dev.nonstop.app.App;
import dev.nonstop.app.AppService;
import dev.nonstop.build.Build;
import dev.nonstop.build.BuildService;
import dev.nonstop.build.BuildStatus;
import dev.nonstop.metrics.Alert;
import dev.nonstop.metrics.AlertService;
import dev.nonstop.sandbox.SandboxCluster;
import dev.nonstop.security.SignUpResult;
import dev.nonstop.testsupport.AlertmanagerServer;
import dev.nonstop.testsupport.Eventually;
import dev.nonstop.testsupport.Fixtures;
import dev.nonstop.testsupport.GitFixtures;
import dev.nonstop.testsupport.PortalTest;
import dev.nonstop.testsupport.PrometheusServer;
import dev.nonstop.testsupport.WebClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Prometheus alerts end to end: the shipped rules in a real Prometheus scraping the sandbox, a real
 * Alertmanager posting to the portal's webhook; raising the sandbox's error knob fires the error alert,
 * which shows on the app's card and the Monitoring page in Chromium and resolves when the knob goes
 * back. The webhook refuses posts without the token and bodies that are not a valid payload, storing
 * nothing.
 */
@PortalTest
class AlertsTest {

    static final String TOKEN = "test-alertmanager-token-0123456789";
    static Playwright playwright;
    static com.microsoft.playwright.Browser browser;

    @LocalServerPort int port;
    @Autowired Fixtures fixtures;
    @Autowired BuildService builds;
    @Autowired AppService apps;
    @Autowired AlertService alerts;
    @Autowired SandboxCluster sandbox;
    @Autowired JdbcTemplate jdbc;

    @BeforeAll
    static void startBrowser() {
        playwright = Browser.playwright();
        browser = Browser.launch(playwright);
        PlaywrightAssertions.setDefaultAssertionTimeout(60_000);
    }

    @AfterAll
    static void stopBrowser() {
        if (playwright != null) {
            playwright.close();
        }
    }

    private HttpResponse<String> post(String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/hooks/alertmanager")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return new WebClient(port).send(request.build());
    }

    private static String payload(String alertname, String namespace) {
        return """
                {"version":"4","status":"firing","receiver":"nonstop","alerts":[{"status":"firing",
                 "labels":{"alertname":"%s","namespace":"%s","app":"web","severity":"critical"},
                 "annotations":{"summary":"web: 50%% of requests fail"},
                 "startsAt":"2026-12-02T10:00:00Z","endsAt":"0001-01-01T00:00:00Z"}]}
                """.formatted(alertname, namespace);
    }

    private long prometheusAlerts() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM alerts WHERE source = 'PROMETHEUS'", Long.class);
    }

    @Test
    void the_webhook_takes_only_valid_payloads_with_the_token_and_stores_nothing_otherwise() {
        SignUpResult owner = fixtures.newTenant();
        String ours = payload("NonstopAppErrorsHigh", owner.slug().namespace());
        long before = prometheusAlerts();

        assertThat(post(ours).statusCode()).isEqualTo(401);
        assertThat(post(ours, "Authorization", "Bearer nope").statusCode()).isEqualTo(401);
        assertThat(post(ours, "Authorization", TOKEN).statusCode()).isEqualTo(401);
        String bearer = "Bearer " + TOKEN;
        assertThat(post("x".repeat(10 * 1024 * 1024), "Authorization", bearer).statusCode()).isEqualTo(413);
        for (String bad : List.of("{", "[]", "{\"version\":\"3\",\"alerts\":[]}",
                ours.replace("\"alertname\":\"NonstopAppErrorsHigh\",", ""),
                ours.replace("2026-12-02T10:00:00Z", "yesterday"),
                ours.replace("\"alerts\":[{\"status\":\"firing\"", "\"alerts\":[{\"status\":\"burning\""),
                ours.replace("\"app\":\"web\"", "\"app\":{\"nested\":1}"))) {
            HttpResponse<String> refused = post(bad, "Authorization", bearer);
            assertThat(refused.statusCode()).as(bad).isEqualTo(400);
        }
        // a namespace that is no tenant's, and a rule the portal evaluates itself: taken as read, ignored
        HttpResponse<String> foreign = post(payload("NonstopAppErrorsHigh", "kube-system"), "Authorization", bearer);
        assertThat(foreign.statusCode()).isEqualTo(200);
        assertThat(foreign.body()).contains("0 alerts taken, 1 ignored");
        assertThat(post(payload("NonstopAppCrashLooping", owner.slug().namespace()), "Authorization", bearer).body())
                .contains("1 ignored");
        assertThat(prometheusAlerts()).isEqualTo(before);

        // the real thing is taken once, however often it is sent
        assertThat(post(ours, "Authorization", bearer).body()).contains("1 alerts taken");
        assertThat(post(ours, "Authorization", bearer).statusCode()).isEqualTo(200);
        assertThat(prometheusAlerts()).isEqualTo(before + 1);
        fixtures.signInAs(owner.email().value());
        try {
            assertThat(alerts.firing()).singleElement().satisfies(alert -> {
                assertThat(alert.kind()).isEqualTo("NonstopAppErrorsHigh");
                assertThat(alert.app()).isEqualTo("web");
                assertThat(alert.severity()).isEqualTo(Alert.Severity.CRITICAL);
            });
        } finally {
            fixtures.signOut();
        }
        // and another tenant never sees it
        SignUpResult other = fixtures.newTenant();
        fixtures.signInAs(other.email().value());
        try {
            assertThat(alerts.firing()).isEmpty();
        } finally {
            fixtures.signOut();
        }
    }

    @Test
    void raising_the_error_knob_fires_the_error_alert_on_the_card_and_monitoring_page_until_it_goes_back()
            throws Exception {
        SignUpResult owner = fixtures.newTenant();
        long appId = runningApp(owner);
        String ns = owner.slug().namespace();
        // the shipped rules, with their waits ("for") and rate windows shortened so the test takes seconds
        String rules = Files.readString(Path.of("monitoring/prometheus/nonstop-rules.yml"))
                .replaceAll("for: \\d+m", "for: 0s").replace("[5m]", "[10s]");
        List<String> chat = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer chatServer = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        chatServer.createContext("/", exchange -> {
            try (exchange) {
                chat.add(new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        chatServer.start();
        String chatUrl = "http://127.0.0.1:" + chatServer.getAddress().getPort();
        try (AlertmanagerServer alertmanager = AlertmanagerServer.posting("http://127.0.0.1:" + port
                + "/api/hooks/alertmanager", TOKEN);
             PrometheusServer prometheus = PrometheusServer.scraping(sandbox.running().orElseThrow(), rules,
                     alertmanager.address())) {
            // the owner sends the tenant's alerts to a chat (a stand-in for Slack on loopback)
            BrowserContext context = browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                    .setLocale("en-US").setViewportSize(1280, 900));
            Page page = context.newPage();
            page.navigate("http://localhost:" + port + "/login");
            page.locator("vaadin-login-form input[name='username']").fill(owner.email().value());
            page.locator("vaadin-login-form input[name='password']").fill(Fixtures.PASSWORD);
            page.locator("vaadin-login-form vaadin-button[theme~='submit']").click();
            assertThat(page.locator("#current-tenant")).isVisible();
            page.navigate("http://localhost:" + port + "/monitoring");
            page.locator("#monitoring-alert-hook-details").click();
            page.locator("#alert-hook-url input").fill("https://10.0.0.7/services/x");
            page.locator("#alert-hook-save").click();
            assertThat(page.locator("#alert-hook-url")).containsText("not a host name");
            page.locator("#alert-hook-url input").fill(chatUrl + "/services/T1/B2/chatSecret123");
            page.locator("#alert-hook-save").click();
            assertThat(page.locator("#alert-hook-state")).containsText("Alerts are posted to http://127.0.0.1");
            assertThat(page.locator("#alert-hook")).not().containsText("chatSecret");
            page.locator("#alert-hook-test").click();
            assertThat(page.locator("#alert-hook-delivery")).containsText("Last message delivered");
            Eventually.within(Duration.ofSeconds(10), () -> assertThat(chat).anyMatch(m -> m.contains("a test")));

            sandbox.running().orElseThrow().setErrorShare(ns, "web", 0.5);
            Eventually.within(Duration.ofSeconds(120), () -> assertThat(firing(owner, "NonstopAppErrorsHigh"))
                    .as("firing alerts; Prometheus: %s; Alertmanager: %s", prometheus.url(), alertmanager.url())
                    .isTrue());
            Eventually.within(Duration.ofSeconds(30), () -> assertThat(chat)
                    .anyMatch(m -> m.contains("[Nonstop] Critical: web: more than 5 % of requests fail")));

            page.navigate("http://localhost:" + port + "/apps");
            assertThat(page.locator("#alerts-badge-" + appId)).containsText("requests fail");
            page.navigate("http://localhost:" + port + "/monitoring");
            assertThat(page.locator("#monitoring-alerts")).containsText("more than 5 % of requests fail");
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/alerts.png"))
                    .setFullPage(true));

            // the knob goes back: Prometheus resolves the alert, Alertmanager says so, the card clears
            sandbox.running().orElseThrow().setErrorShare(ns, "web", 0);
            Eventually.within(Duration.ofSeconds(120), () -> assertThat(firing(owner, "NonstopAppErrorsHigh"))
                    .isFalse());
            Eventually.within(Duration.ofSeconds(30), () -> assertThat(chat)
                    .anyMatch(m -> m.contains("[Nonstop] Resolved: web: more than 5 % of requests fail")));
            page.navigate("http://localhost:" + port + "/apps");
            assertThat(page.locator("#app-web")).isVisible();
            assertThat(page.locator("#alerts-badge-" + appId)).isHidden();
            page.navigate("http://localhost:" + port + "/monitoring");
            page.locator("#monitoring-alert-history-details").click();
            assertThat(page.locator("#monitoring-alert-history")).containsText("more than 5 % of requests fail");
            context.close();
        } finally {
            chatServer.stop(0);
        }
    }

    private boolean firing(SignUpResult owner, String kind) {
        fixtures.signInAs(owner.email().value());
        try {
            return alerts.firing().stream().anyMatch(a -> a.kind().equals(kind));
        } finally {
            fixtures.signOut();
        }
    }

    private long runningApp(SignUpResult owner) {
        sandbox.running().orElseThrow().clock().setSpeed(20);
        fixtures.signInAs(owner.email().value());
        try {
            var git = GitFixtures.shared();
            var created = builds.createSource("web", git.url("acme", "docker-app"), null,
                    builds.inspect(git.url("acme", "docker-app"), null).detection());
            Build build = builds.start(created.id());
            Eventually.within(Duration.ofSeconds(60), () -> assertThat(builds.get(build.id()).status())
                    .isEqualTo(BuildStatus.SUCCEEDED));
            App app = apps.deploy(build.id());
            Eventually.within(Duration.ofSeconds(60), () -> assertThat(apps.status(app.id()).ready()).isEqualTo(2));
            return app.id();
        } finally {
            fixtures.signOut();
            sandbox.running().orElseThrow().clock().setSpeed(1);
        }
    }
}

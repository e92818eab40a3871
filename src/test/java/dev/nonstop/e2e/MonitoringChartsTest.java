package dev.nonstop.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import dev.nonstop.app.App;
import dev.nonstop.app.AppService;
import dev.nonstop.build.Build;
import dev.nonstop.build.BuildService;
import dev.nonstop.build.BuildStatus;
import dev.nonstop.metrics.internal.BuiltInMetrics;
import dev.nonstop.metrics.internal.MetricsSource;
import dev.nonstop.sandbox.SandboxCluster;
import dev.nonstop.security.SignUpResult;
import dev.nonstop.testsupport.Eventually;
import dev.nonstop.testsupport.Fixtures;
import dev.nonstop.testsupport.GitFixtures;
import dev.nonstop.testsupport.PortalTest;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Monitoring page in Chromium, without Prometheus: an app's CPU, memory and replicas are drawn by
 * ApexCharts, what needs Prometheus says so, a new range redraws, and a new sample moves the lines
 * without a reload.
 */
@PortalTest
class MonitoringChartsTest {

    static Playwright playwright;
    static com.microsoft.playwright.Browser browser;

    @LocalServerPort int port;
    @Autowired Fixtures fixtures;
    @Autowired BuildService builds;
    @Autowired AppService apps;
    @Autowired SandboxCluster sandbox;
    @Autowired MetricsSource source;

    @BeforeAll
    static void startBrowser() {
        playwright = Browser.playwright();
        browser = Browser.launch(playwright);
        PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
    }

    @AfterAll
    static void stopBrowser() {
        if (playwright != null) {
            playwright.close();
        }
    }

    private long appId;

    private SignUpResult tenantWithARunningApp() {
        sandbox.running().orElseThrow().clock().setSpeed(20);
        SignUpResult owner = fixtures.newTenant();
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
            appId = app.id();
        } finally {
            fixtures.signOut();
            sandbox.running().orElseThrow().clock().setSpeed(1);
        }
        return owner;
    }

    private static int points(Locator chart) {
        return Integer.parseInt(chart.getAttribute("data-points"));
    }

    @Test
    void the_monitoring_page_draws_live_charts_of_the_tenants_app() {
        SignUpResult owner = tenantWithARunningApp();
        BuiltInMetrics builtIn = (BuiltInMetrics) source;
        builtIn.sample();
        builtIn.sample();

        BrowserContext context = browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setLocale("en-US").setViewportSize(1280, 900));
        Page page = context.newPage();
        page.navigate("http://localhost:" + port + "/login");
        page.locator("vaadin-login-form input[name='username']").fill(owner.email().value());
        page.locator("vaadin-login-form input[name='password']").fill(Fixtures.PASSWORD);
        page.locator("vaadin-login-form vaadin-button[theme~='submit']").click();
        assertThat(page.locator("#current-tenant")).isVisible();
        page.navigate("http://localhost:" + port + "/monitoring");

        Locator cpu = page.locator("#monitoring-web-cpu");
        assertThat(cpu).hasAttribute("data-drawn", "true");
        assertThat(cpu.locator("svg path.apexcharts-line").first()).isAttached();
        assertThat(page.locator("#monitoring-web-memory")).hasAttribute("data-drawn", "true");
        assertThat(page.locator("#monitoring-web-replicas")).hasAttribute("data-drawn", "true");
        assertThat(cpu).hasAttribute("aria-label", java.util.regex.Pattern.compile("CPU, last 15 minutes: web-.+ m"));
        assertThat(page.locator("#monitoring-web-requests-unavailable")).containsText("Prometheus");
        // the tenant's quota in use over time, one line per limit, named in words
        assertThat(page.locator("#monitoring-tenant-quota")).hasAttribute("data-drawn", "true");
        assertThat(page.locator("#monitoring-tenant-quota")).hasAttribute("aria-label",
                java.util.regex.Pattern.compile("Quota in use .*, last 15 minutes: .*Replicas \\(pods\\) [0-9.]+ %.*"));
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/monitoring.png"))
                .setFullPage(true));

        // a new sample arrives: the same chart gets more points, without a reload
        int before = points(cpu);
        builtIn.sample();
        Eventually.within(Duration.ofSeconds(30), () -> assertThat(points(cpu)).isGreaterThan(before));

        // another range redraws the charts for it
        page.locator("#monitoring-range").click();
        page.locator("vaadin-select-item", new Page.LocatorOptions().setHasText("last hour")).click();
        assertThat(page.locator("#monitoring-web-cpu")).hasAttribute("aria-label",
                java.util.regex.Pattern.compile("CPU, last hour: .+"));
        assertThat(page.locator("#monitoring-web-cpu")).hasAttribute("data-drawn", "true");

        // the app's card carries sparklines (CPU and ready replicas without Prometheus) with their values
        page.navigate("http://localhost:" + port + "/apps");
        assertThat(page.locator("#app-" + appId + "-spark-cpu")).hasAttribute("data-drawn", "true");
        assertThat(page.locator("#app-" + appId + "-spark-replicas")).hasAttribute("aria-label",
                java.util.regex.Pattern.compile("Ready replicas, last 15 minutes: ready 2"));

        // the detail page has a Monitoring tab with every chart of the app
        page.navigate("http://localhost:" + port + "/apps/detail/" + appId);
        page.locator("#detail-tab-extra").click();
        assertThat(page.locator("#detail-cpu")).hasAttribute("data-drawn", "true");
        assertThat(page.locator("#detail-memory")).hasAttribute("data-drawn", "true");
        assertThat(page.locator("#detail-latency_p95-unavailable")).containsText("Prometheus");
        // the deploy is marked on the time axis
        assertThat(page.locator("#detail-cpu .apexcharts-xaxis-annotations").first()).isAttached();
        assertThat(page.locator("#detail-cpu")).containsText("Release 1");
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/app-monitoring.png"))
                .setFullPage(true));
        context.close();
    }
}

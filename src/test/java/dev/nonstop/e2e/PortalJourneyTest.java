package dev.nonstop.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import dev.nonstop.testsupport.Fixtures;
import dev.nonstop.testsupport.PortalTest;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The portal as a person meets it, in headless Chromium: one running portal for the whole class.
 * Screenshots land in target/screenshots for a human look.
 */
@PortalTest
class PortalJourneyTest {

    static Playwright playwright;
    static com.microsoft.playwright.Browser browser;

    @LocalServerPort int port;
    @org.springframework.beans.factory.annotation.Autowired dev.nonstop.sandbox.SandboxCluster sandbox;

    @BeforeAll
    static void startBrowser() {
        playwright = Browser.playwright();
        browser = Browser.launch(playwright);
        PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
    }

    @AfterAll
    static void stopBrowser() {
        if (playwright != null) {
            playwright.close();
        }
    }

    private Page open(String locale) {
        BrowserContext context = browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setLocale(locale).setViewportSize(1280, 800));
        context.setDefaultTimeout(30_000);
        return context.newPage();
    }

    private String url(String path) {
        return "http://localhost:" + port + "/" + path;
    }

    private static void type(Page page, String id, String text) {
        page.locator("#" + id + " input").fill(text);
    }

    private static void login(Page page, String email, String password) {
        page.locator("vaadin-login-form input[name='username']").fill(email);
        page.locator("vaadin-login-form input[name='password']").fill(password);
        page.locator("vaadin-login-form vaadin-button[theme~='submit']").click();
    }

    /** Fills the sign-up form (the caller sends it). */
    private void signUp(Page page, String email, String name, String company) {
        page.navigate(url("signup"));
        type(page, "signup-email", email);
        type(page, "signup-password", "a long enough passphrase");
        type(page, "signup-display-name", name);
        type(page, "signup-company", company);
    }

    private static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots", name + ".png")));
    }

    @Test
    void sign_up_then_sign_in_shows_the_users_own_tenant_and_tier() {
        Page page = open("en-US");
        signUp(page, "e2e-owner@example.org", "Eun-ji", "E2E Noodle House");
        assertThat(page.locator("#signup-slug input")).hasValue("e2e-noodle-house");
        screenshot(page, "signup");
        page.locator("#signup-submit").click();

        assertThat(page).hasURL(Pattern.compile(".*/login\\?created=.*"));
        assertThat(page.locator("#login-notice")).containsText("e2e-owner@example.org");
        login(page, "e2e-owner@example.org", "a long enough passphrase");

        assertThat(page.locator("#current-tenant")).hasText("Eun-ji · E2E Noodle House (Free)");
        assertThat(page.locator("#deploy-first-app")).isVisible();
        assertThat(page.locator("#cluster-banner")).hasText("Sandbox cluster: simulated, no real containers run.");
        screenshot(page, "apps");
        page.navigate(url("settings"));
        assertThat(page.locator("#tenant-tier")).hasText("Tier: Free");
        screenshot(page, "settings");
        page.locator("#logout").click();
        assertThat(page).hasURL(Pattern.compile(".*/login$"));
        page.navigate(url("settings"));
        assertThat(page).hasURL(Pattern.compile(".*/login$"));
    }

    @Test
    void a_korean_browser_gets_korean_and_can_switch_to_english() {
        Page page = open("ko-KR");
        page.navigate(url("signup"));
        assertThat(page.locator("h1")).hasText("Nonstop 계정 만들기");
        screenshot(page, "signup-ko");
        page.locator("#language-switch").click();
        page.locator("vaadin-select-item").filter(new Locator.FilterOptions().setHasText("English")).click();
        assertThat(page.locator("h1")).hasText("Create your Nonstop account");
    }

    @Test
    void repeated_wrong_passwords_pause_sign_in_and_say_until_when() {
        Page page = open("en-US");
        page.navigate(url("login"));
        for (int i = 0; i < 5; i++) {
            login(page, Fixtures.MEMBER, "not the password " + i);
            assertThat(page).hasURL(Pattern.compile(".*/login\\?error"));
        }
        login(page, Fixtures.MEMBER, Fixtures.PASSWORD);
        assertThat(page.locator("vaadin-login-form")).containsText("Too many attempts");
        assertThat(page.locator("vaadin-login-form")).containsText("Try again at");
        screenshot(page, "throttled");
    }

    @Test
    void a_member_is_kept_out_of_admin_screens() {
        Page page = open("en-US");
        page.navigate(url("login"));
        login(page, Fixtures.OWNER, Fixtures.PASSWORD);
        assertThat(page.locator("#current-tenant")).containsText("Fixture Co");
        page.navigate(url("admin/tiers"));
        assertThat(page.locator("#not-found")).hasText("Page not found");
        assertThat(page.locator("body")).not().containsText("Save FREE");
        assertThat(page.locator("body")).not().containsText("admin/tenants");
    }

    /**
     * A tenant's space in the cluster, seen in the browser: the usage bars, an upgrade asked for and
     * approved while the owner's page is open (the new quota arrives by Push, no reload), then the
     * owner deletes the tenant by typing its name.
     */
    @Test
    void an_owner_sees_usage_asks_for_paid_gets_the_new_quota_live_and_deletes_the_tenant() {
        Page owner = open("ko-KR");
        signUp(owner, "e2e-bakery@example.org", "민지", "Minji Bakery");
        owner.locator("#signup-submit").click();
        assertThat(owner).hasURL(Pattern.compile(".*/login\\?created=.*"));
        login(owner, "e2e-bakery@example.org", "a long enough passphrase");
        assertThat(owner.locator("#current-tenant")).containsText("Minji Bakery");
        owner.navigate(url("settings"));
        assertThat(owner.locator("#usage-pods")).hasText(Pattern.compile("10 중 0 \\(0%\\)"));
        owner.locator("#upgrade-note textarea").fill("다음 주에 오픈합니다");
        owner.locator("#upgrade-request").click();
        assertThat(owner.locator("#upgrade-state")).containsText("결정을 기다리고");
        screenshot(owner, "settings-usage-ko");

        Page admin = open("en-US");
        admin.navigate(url("login"));
        login(admin, Fixtures.ADMIN, Fixtures.PASSWORD);
        admin.navigate(url("admin/upgrades"));
        assertThat(admin.locator("#upgrade-requests")).containsText("minji-bakery");
        admin.locator("vaadin-button[id^='approve-']").first().click();
        assertThat(admin.locator("vaadin-notification-card")).containsText("minji-bakery is now on the Paid tier");

        // the owner's open page gets the paid quota through Push, without a reload
        assertThat(owner.locator("#usage-pods")).hasText(Pattern.compile("80 중 0 \\(0%\\)"));
        owner.reload();
        assertThat(owner.locator("#upgrade-state")).containsText("승인");

        owner.locator("#delete-tenant").click();
        type(owner, "delete-tenant-name", "Minji Bakery");
        owner.locator("#delete-tenant-confirm").click();
        assertThat(owner).hasURL(Pattern.compile(".*/login$"));
        login(owner, "e2e-bakery@example.org", "a long enough passphrase");
        assertThat(owner).hasURL(Pattern.compile(".*/login\\?error"));
    }

    /** From a pasted URL to a finished image in the browser, following the build live (Push). */
    @Test
    void a_pasted_repository_is_built_and_the_build_moves_live_on_the_page() {
        var git = dev.nonstop.testsupport.GitFixtures.shared();
        sandbox.running().orElseThrow().clock().setSpeed(20);
        try {
            Page page = open("en-US");
            page.navigate(url("login"));
            login(page, Fixtures.OWNER, Fixtures.PASSWORD);
            assertThat(page.locator("#current-tenant")).containsText("Fixture Co");
            page.navigate(url("apps/new"));
            type(page, "source-url", git.url("acme", "docker-app"));
            page.locator("#source-inspect").click();
            assertThat(page.locator("#source-findings")).containsText("Found Dockerfile");
            type(page, "source-name", "e2e-web");
            screenshot(page, "builds-found");
            page.locator("#source-build").click();
            Locator status = page.locator("[id^='build-status-']").first();
            assertThat(status).hasText(Pattern.compile("Queued|Cloning|Building|Pushing|Succeeded"));
            assertThat(status).hasText("Succeeded");
            assertThat(page.locator("[id$='-step-push']").first()).containsText("Push: done");
            screenshot(page, "builds-succeeded");
            // the same screen goes on to the rollout and ends on the app's card, running
            assertThat(page.locator("#new-app-stage")).containsText("Your app is running");
            assertThat(page.locator("#app-replicas-e2e-web")).hasText("2/2 ready");
            screenshot(page, "new-app-running");
        } finally {
            sandbox.running().orElseThrow().clock().setSpeed(1);
        }
    }

    /** The product's promise end to end: a new account, an app from Git, 2/2 on its card, a failover drill. */
    @Test
    void a_new_user_deploys_an_app_watches_it_reach_two_of_two_and_runs_a_failover_drill() {
        var git = dev.nonstop.testsupport.GitFixtures.shared();
        sandbox.running().orElseThrow().clock().setSpeed(20);
        try {
            Page page = open("en-US");
            signUp(page, "e2e-cafe@example.org", "Jisoo", "E2E Cafe");
            page.locator("#signup-submit").click();
            assertThat(page).hasURL(Pattern.compile(".*/login\\?created=.*"));
            login(page, "e2e-cafe@example.org", "a long enough passphrase");
            assertThat(page.locator("#deploy-first-app")).isVisible();
            page.locator("#deploy-first-app").click();
            assertThat(page).hasURL(Pattern.compile(".*/apps/new$"));
            type(page, "source-url", git.url("acme", "node-app"));
            page.locator("#source-inspect").click();
            assertThat(page.locator("#source-findings")).containsText("package.json");
            type(page, "source-name", "menu");
            page.locator("#source-build").click();
            assertThat(page.locator("[id^='build-status-']").first()).hasText("Succeeded");
            assertThat(page.locator("#new-app-stage")).containsText("Your app is running");

            page.navigate(url("apps"));
            assertThat(page.locator("#app-replicas-menu")).hasText("2/2 ready");
            assertThat(page.locator("#app-state-menu")).hasText("Running");
            assertThat(page.locator("#app-resilience-menu")).hasText("Survives losing a server");
            screenshot(page, "app-card");
            page.locator("#app-failover-menu").click();
            assertThat(page.locator("#app-drill-menu")).containsText("Last failover drill");
            assertThat(page.locator("#app-drill-menu")).containsText("fewest ready: 1 of 2");
            assertThat(page.locator("#app-replicas-menu")).hasText("2/2 ready");
            screenshot(page, "app-failover");
        } finally {
            sandbox.running().orElseThrow().clock().setSpeed(1);
        }
    }
}

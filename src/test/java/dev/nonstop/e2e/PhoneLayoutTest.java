package dev.nonstop.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import dev.nonstop.app.AppService;
import dev.nonstop.build.BuildService;
import dev.nonstop.sandbox.SandboxCluster;
import dev.nonstop.testsupport.Fixtures;
import dev.nonstop.testsupport.GitFixtures;
import dev.nonstop.testsupport.PortalTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every main page on a phone-sized screen (390×844): nothing is wider than the screen, so no page
 * scrolls sideways, and sign-out stays in reach. Screenshots land in target/screenshots/phone-*.png.
 */
@PortalTest
class PhoneLayoutTest {

    static Playwright playwright;
    static com.microsoft.playwright.Browser browser;

    @LocalServerPort int port;
    @Autowired Fixtures fixtures;
    @Autowired BuildService builds;
    @Autowired AppService apps;
    @Autowired SandboxCluster sandbox;

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

    /** An app of the admin's own tenant, so that its detail page can be looked at too. */
    private long anApp() {
        sandbox.running().orElseThrow().clock().setSpeed(20);
        fixtures.signInAs(Fixtures.ADMIN);
        try {
            var existing = apps.apps();
            if (!existing.isEmpty()) {
                return existing.getFirst().id();
            }
            var git = GitFixtures.shared();
            var source = builds.createSource("phone", git.url("acme", "docker-app"), null,
                    builds.inspect(git.url("acme", "docker-app"), null).detection());
            builds.startAndDeploy(source.id());
            dev.nonstop.testsupport.Eventually.within(Duration.ofSeconds(60), () -> assertThat(apps.apps()).isNotEmpty());
            return apps.apps().getFirst().id();
        } finally {
            fixtures.signOut();
            sandbox.running().orElseThrow().clock().setSpeed(1);
        }
    }

    @Test
    void every_main_page_fits_a_phone_without_sideways_scrolling() {
        long app = anApp();
        BrowserContext context = browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setLocale("ko-KR").setViewportSize(390, 844).setIsMobile(true).setHasTouch(true));
        context.setDefaultTimeout(30_000);
        Page page = context.newPage();
        String base = "http://localhost:" + port + "/";
        page.navigate(base + "signup");
        assertThat(page.locator("#signup-submit")).isVisible();
        List<String> overflowing = new ArrayList<>();
        check(page, "signup", overflowing);
        page.navigate(base + "login");
        check(page, "login", overflowing);
        page.locator("vaadin-login-form input[name='username']").fill(Fixtures.ADMIN);
        page.locator("vaadin-login-form input[name='password']").fill(Fixtures.PASSWORD);
        page.locator("vaadin-login-form vaadin-button[theme~='submit']").click();
        assertThat(page.locator("#current-tenant")).isVisible();
        for (String path : List.of("apps", "apps/new", "apps/detail/" + app, "builds", "monitoring", "assistant",
                "settings", "admin/tenants", "admin/upgrades", "admin/signups", "admin/tiers", "admin/audit",
                "admin/zone-drills", "admin/sandbox")) {
            page.navigate(base + path);
            page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
            assertThat(page.locator("#logout")).isInViewport();
            check(page, path, overflowing);
        }
        assertThat(overflowing).as("pages wider than a 390 px screen").isEmpty();
    }

    private static void check(Page page, String name, List<String> overflowing) {
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots",
                "phone-" + name.replace('/', '-') + ".png")).setFullPage(true));
        Object width = page.evaluate("() => document.documentElement.scrollWidth");
        Object viewport = page.evaluate("() => window.innerWidth");
        if (((Number) width).intValue() > ((Number) viewport).intValue() + 1) {
            overflowing.add(name + " (" + width + " px)");
        }
        // grids are lists on a phone: none scrolls sideways inside its own box either
        Object wideGrids = page.evaluate("() => [...document.querySelectorAll('vaadin-grid')]"
                + ".filter(g => g.offsetParent !== null && g.$ && g.$.table"
                + " && g.$.table.scrollWidth > g.$.table.clientWidth + 1).map(g => g.id || 'grid').join(',')");
        if (!String.valueOf(wideGrids).isEmpty()) {
            overflowing.add(name + " (grid " + wideGrids + " scrolls sideways)");
        }
    }
}

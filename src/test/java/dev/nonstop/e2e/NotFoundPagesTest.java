package dev.nonstop.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import dev.nonstop.testsupport.Fixtures;
import dev.nonstop.testsupport.PortalTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Addresses that lead nowhere, in the browser: an unknown page, an app id that is not a number, an app
 * that does not exist. Each gets the portal's own "Page not found" (not a bare 403), with no actions.
 */
@PortalTest
class NotFoundPagesTest {

    static Playwright playwright;
    static com.microsoft.playwright.Browser browser;

    @LocalServerPort int port;

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

    private String url(String path) {
        return "http://localhost:" + port + "/" + path;
    }

    @Test
    void unknown_addresses_show_the_portals_not_found_page_without_actions() {
        Page page = browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions().setLocale("en-US"))
                .newPage();
        page.navigate(url("no/such/page"));
        assertThat(page.locator("#not-found")).hasText("Page not found");

        page.navigate(url("login"));
        page.locator("vaadin-login-form input[name='username']").fill(Fixtures.OWNER);
        page.locator("vaadin-login-form input[name='password']").fill(Fixtures.PASSWORD);
        page.locator("vaadin-login-form vaadin-button[theme~='submit']").click();
        assertThat(page.locator("#current-tenant")).containsText("Fixture Co");
        for (String path : new String[] {"no/such/page", "apps/detail/abc", "apps/detail/987654321"}) {
            page.navigate(url(path));
            assertThat(page.locator("#not-found")).hasText("Page not found");
            assertThat(page.locator("#app-scale")).hasCount(0);
            assertThat(page.locator("#app-delete")).hasCount(0);
            assertThat(page.locator("#app-detail-failover")).hasCount(0);
        }
    }
}

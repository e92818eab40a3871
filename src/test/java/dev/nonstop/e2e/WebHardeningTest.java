package dev.nonstop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nonstop.testsupport.Fixtures;
import dev.nonstop.testsupport.PortalTest;
import dev.nonstop.testsupport.WebClient;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The portal's HTTP surface as an attacker or a careless user meets it, through the real stack:
 * sign-ins posted from other sites, session ids in URLs, the actuator (unknown pages: NotFoundPagesTest).
 */
@PortalTest
class WebHardeningTest {

    @LocalServerPort int port;

    @Test
    void a_sign_in_posted_from_another_site_is_refused_and_signs_nobody_in() {
        WebClient victim = new WebClient(port);
        victim.get("/login");
        HttpResponse<String> forged = victim.postForm("/login", Map.of("username", Fixtures.OWNER,
                "password", Fixtures.PASSWORD), "Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site");
        assertThat(forged.statusCode()).isEqualTo(303);
        assertThat(WebClient.location(forged)).endsWith("/login?cross-site");
        // the browser is still signed out: a page that needs a sign-in sends it to the login page
        assertThat(WebClient.location(victim.get("/settings"))).contains("/login");

        WebClient older = new WebClient(port);
        older.get("/login");
        HttpResponse<String> originOnly = older.postForm("/login", Map.of("username", Fixtures.OWNER,
                "password", Fixtures.PASSWORD), "Origin", "http://localhost:" + (port + 1));
        assertThat(WebClient.location(originOnly)).endsWith("/login?cross-site");
    }

    @Test
    void a_sign_in_from_the_portals_own_page_works() {
        WebClient user = new WebClient(port);
        HttpResponse<String> login = user.signIn(Fixtures.OWNER, Fixtures.PASSWORD);
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(WebClient.location(login)).isEqualTo(user.base() + "/");
        assertThat(user.get("/settings").statusCode()).isEqualTo(200);
    }

    @Test
    void the_session_id_never_appears_in_a_url() {
        WebClient cookieless = new WebClient(port);
        HttpResponse<String> response = cookieless.get("/VAADIN/");
        assertThat(WebClient.location(response)).doesNotContainIgnoringCase("jsessionid");
        assertThat(response.body()).doesNotContainIgnoringCase("jsessionid");
        HttpResponse<String> settings = new WebClient(port).get("/settings");
        assertThat(WebClient.location(settings)).doesNotContainIgnoringCase("jsessionid");
    }

    @Test
    void the_actuator_shows_health_to_everyone_and_nothing_else_without_a_sign_in() {
        WebClient anyone = new WebClient(port);
        assertThat(anyone.get("/actuator/health").statusCode()).isEqualTo(200);
        for (String path : new String[] {"/actuator/prometheus", "/actuator/info", "/actuator/env"}) {
            HttpResponse<String> response = anyone.get(path);
            assertThat(response.statusCode()).as(path).isIn(302, 401, 403, 404);
            assertThat(response.body()).as(path).doesNotContain("jvm_").doesNotContain("spring.datasource");
        }
    }

    /** The platform's Prometheus scrapes the portal with its token; a wrong one (or none) gets nothing. */
    @Test
    void the_portals_metrics_open_to_the_scrape_token_only() {
        WebClient prometheus = new WebClient(port);
        HttpResponse<String> scraped = prometheus.get("/actuator/prometheus", "Authorization",
                "Bearer test-scrape-token-0123456789");
        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(scraped.body()).contains("jvm_memory_used_bytes", "nonstop_builds_started_total",
                "nonstop_reconcile_seconds_count", "nonstop_informer_lag_seconds_count", "kind=\"Pod\"",
                "nonstop_cards_push_seconds_count", "nonstop_ui_sessions", "nonstop_ui_pages");
        for (String wrong : new String[] {"Bearer nope", "test-scrape-token-0123456789", "Basic dGVzdA=="}) {
            HttpResponse<String> refused = prometheus.get("/actuator/prometheus", "Authorization", wrong);
            assertThat(refused.statusCode()).as(wrong).isEqualTo(401);
            assertThat(refused.body()).as(wrong).doesNotContain("jvm_");
        }
        assertThat(prometheus.get("/actuator/prometheus").statusCode()).isEqualTo(401);
        assertThat(prometheus.get("/actuator/prometheus").headers().firstValue("set-cookie")).isEmpty();
    }
}

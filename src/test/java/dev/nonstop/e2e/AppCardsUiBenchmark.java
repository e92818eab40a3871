package dev.nonstop.e2e;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.nonstop.app.App;
import dev.nonstop.app.AppService;
import dev.nonstop.app.AppStatus;
import dev.nonstop.app.FailoverService;
import dev.nonstop.bench.BenchTenants;
import dev.nonstop.bench.SandboxScaleBenchmark;
import dev.nonstop.build.Build;
import dev.nonstop.build.BuildService;
import dev.nonstop.build.BuildStatus;
import dev.nonstop.sandbox.SandboxCluster;
import dev.nonstop.security.SignUpResult;
import dev.nonstop.tenant.TenantService;
import dev.nonstop.testsupport.Fixtures;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.ActiveProfiles;

/**
 * A pod turning Ready → the card showing it in real browser sessions: {@code bench.ui.tenants}
 * tenants (default 20), each watched by {@code bench.ui.pages} open Apps pages (default 5, so 100
 * Vaadin UIs with Push in headless Chromium). Each page records, in the browser, when its card goes
 * back to 2/2 after a failover drill took a replica away; the figure is that moment minus the moment
 * the replacement pod turned Ready. Run: {@code ./mvnw -Pbench test -Dtest=AppCardsUiBenchmark}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(Fixtures.class)
class AppCardsUiBenchmark {

    static final String WATCH_CARD = """
            () => {
              const el = document.querySelector('#app-replicas-app');
              const card = document.querySelector('#app-app');
              window.__dropped = false; window.__back = null; window.__shownAt = null;
              new MutationObserver(() => {
                const t = el.textContent;
                if (t.startsWith('1/2')) { window.__dropped = true; }
                if (window.__dropped && t === '2/2 ready' && window.__back === null) {
                  window.__back = Date.now(); window.__shownAt = Number(card.dataset.shownAt);
                }
              }).observe(el, {childList: true, characterData: true, subtree: true});
            }""";

    @LocalServerPort int port;
    @Autowired Fixtures fixtures;
    @Autowired BuildService builds;
    @Autowired AppService apps;
    @Autowired FailoverService failovers;
    @Autowired TenantService tenants;
    @Autowired KubernetesClient cluster;
    @Autowired SandboxCluster sandbox;

    record Tenant(SignUpResult owner, SecurityContext security, long appId) {
    }

    @Test
    void pod_ready_to_card_in_browser_sessions() throws Exception {
        int count = Integer.getInteger("bench.ui.tenants", 20);
        int pagesPer = Integer.getInteger("bench.ui.pages", 5);
        sandbox.running().orElseThrow().clock().setSpeed(Double.parseDouble(System.getProperty("bench.speed", "10")));
        List<Tenant> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BenchTenants.Tenant tenant = BenchTenants.paidWithSource(fixtures, tenants, builds);
            SecurityContextHolder.setContext(tenant.security());
            SignUpResult owner = tenant.owner();
            Build build = builds.start(tenant.source().id());
            AppPathWait.until(() -> builds.get(build.id()).status() == BuildStatus.SUCCEEDED, Duration.ofMinutes(2));
            App app = apps.deploy(build.id());
            AppPathWait.until(() -> apps.status(app.id()).state() == AppStatus.State.RUNNING, Duration.ofMinutes(2));
            all.add(new Tenant(owner, SecurityContextHolder.getContext(), app.id()));
            SecurityContextHolder.clearContext();
        }

        Map<String, Long> readyAt = new ConcurrentHashMap<>();
        java.util.Set<String> readyBefore = ConcurrentHashMap.newKeySet();
        List<Long> latencies = new ArrayList<>();
        List<Long> serverSide = new ArrayList<>();
        List<Long> browserSide = new ArrayList<>();
        try (Playwright playwright = Browser.playwright()) {
            boolean isolated = Boolean.parseBoolean(System.getProperty("bench.ui.isolate", "true"));
            var browser = isolated ? Browser.launchIsolated(playwright) : Browser.launch(playwright);
            Map<Long, List<Page>> pages = new ConcurrentHashMap<>();
            for (Tenant t : all) {
                BrowserContext context = browser.newContext();
                Page login = context.newPage();
                login.navigate("http://localhost:" + port + "/login");
                login.locator("vaadin-login-form input[name='username']").fill(t.owner().email().value());
                login.locator("vaadin-login-form input[name='password']").fill(Fixtures.PASSWORD);
                login.locator("vaadin-login-form vaadin-button[theme~='submit']").click();
                login.locator("#current-tenant").waitFor();
                List<Page> watching = new ArrayList<>();
                for (int p = 0; p < pagesPer; p++) {
                    Page page = p == 0 ? login : context.newPage();
                    page.navigate("http://localhost:" + port + "/apps");
                    page.locator("#app-replicas-app").waitFor();
                    page.waitForFunction("() => document.querySelector('#app-replicas-app').textContent === '2/2 ready'");
                    page.evaluate(WATCH_CARD);
                    watching.add(page);
                }
                pages.put(t.appId(), watching);
            }
            try (Watch watch = cluster.pods().inAnyNamespace().watch(new Watcher<>() {
                @Override
                public void eventReceived(Action action, Pod pod) {
                    boolean ready = pod.getStatus() != null && pod.getStatus().getConditions() != null
                            && pod.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType())
                                    && "True".equals(c.getStatus()));
                    // the moment the replacement turned Ready: the first Ready of a pod that was not ready before
                    if (ready && pod.getMetadata().getDeletionTimestamp() == null
                            && readyBefore.add(pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName())) {
                        readyAt.putIfAbsent(pod.getMetadata().getNamespace(), System.currentTimeMillis());
                    }
                }

                @Override
                public void onClose(WatcherException cause) {
                }
            })) {
                cluster.pods().inAnyNamespace().list().getItems().forEach(pod -> readyBefore.add(
                        pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName()));
                readyAt.clear();
                for (Tenant t : all) {
                    SecurityContextHolder.setContext(t.security());
                    failovers.drill(t.appId(), false);
                }
                for (Tenant t : all) {
                    for (Page page : pages.get(t.appId())) {
                        page.waitForFunction("() => window.__back !== null", null,
                                new Page.WaitForFunctionOptions().setTimeout(120_000));
                        long back = ((Number) page.evaluate("() => window.__back")).longValue();
                        long shown = ((Number) page.evaluate("() => window.__shownAt")).longValue();
                        Long ready = readyAt.get(t.owner().slug().namespace());
                        if (ready != null) {
                            latencies.add((back - ready) * 1_000_000L);
                            serverSide.add((shown - ready) * 1_000_000L);
                            browserSide.add((back - shown) * 1_000_000L);
                        }
                    }
                }
            }
        } finally {
            sandbox.running().orElseThrow().clock().setSpeed(1);
            SecurityContextHolder.clearContext();
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] server = serverSide.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] browser = browserSide.stream().mapToLong(Long::longValue).sorted().toArray();
        String report = String.format("App cards in browsers (%s): %d tenants x %d Apps pages = %d Vaadin UIs; "
                        + "pod Ready -> card shows 2/2: p50 %.0f ms, p99 %.0f ms, max %.0f ms (%d samples); "
                        + "of which pod Ready -> server redrew the card: p50 %.0f ms, p99 %.0f ms; "
                        + "server redrew -> browser shows it: p50 %.0f ms, p99 %.0f ms",
                java.time.Instant.now(), count, pagesPer, count * pagesPer, SandboxScaleBenchmark.pct(sorted, 50),
                SandboxScaleBenchmark.pct(sorted, 99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6,
                sorted.length, SandboxScaleBenchmark.pct(server, 50), SandboxScaleBenchmark.pct(server, 99),
                SandboxScaleBenchmark.pct(browser, 50), SandboxScaleBenchmark.pct(browser, 99));
        System.out.println(report);
        Path out = Path.of("target", "bench-results.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report + "\n", java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
    }

    /** Polling helper for the setup (the measured part waits in the browser). */
    static final class AppPathWait {
        static void until(java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!condition.getAsBoolean()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("not reached within " + timeout);
                }
                Thread.sleep(20);
            }
        }
    }
}

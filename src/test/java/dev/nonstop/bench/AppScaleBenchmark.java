package dev.nonstop.bench;

import dev.nonstop.app.App;
import dev.nonstop.app.AppService;
import dev.nonstop.app.AppStatus;
import dev.nonstop.app.FailoverService;
import dev.nonstop.app.internal.AppReconciler;
import dev.nonstop.kube.KubeLabels;
import dev.nonstop.sandbox.SandboxCluster;
import dev.nonstop.security.SignUpResult;
import dev.nonstop.tenant.TenantService;
import dev.nonstop.tenant.internal.TenantReconciler;
import dev.nonstop.testsupport.Fixtures;
import dev.nonstop.testsupport.IntegrationTest;
import dev.nonstop.tier.TierCode;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.TestPropertySource;

/**
 * The card path at the scale the product is built for (issue 19): {@code bench.scale.tenants} PAID
 * tenants (default 1,000) with {@code bench.scale.apps} apps each (default 10), every app running two
 * replicas in the sandbox, and {@code bench.sessions} card subscribers (default 200) spread over the
 * first {@code bench.scale.watched} tenants (default 20). Each watched app then loses a replica (a
 * failover drill) and the benchmark times the replacement's Ready → each subscriber having the card.
 *
 * <p>Tenants and apps are written to the database in bulk (sign-up's password hashing and 10,000
 * builds would take hours and are measured elsewhere); the portal's own reconcilers then create every
 * namespace and every app's objects in the cluster, as they do at start. Run:
 * {@code ./mvnw -Pbench test -Dtest=AppScaleBenchmark} (README, Benchmarks).
 */
@IntegrationTest
@TestPropertySource(properties = {"nonstop.sandbox.nodes=60", "nonstop.sandbox.zones=3",
        "nonstop.sandbox.node-cpu-milli=64000", "nonstop.sandbox.node-memory-mib=131072",
        "nonstop.sandbox.node-pods=500", "nonstop.sandbox.pod-start-delay=3s"})
class AppScaleBenchmark {

    @Autowired Fixtures fixtures;
    @Autowired TenantService tenants;
    @Autowired AppService apps;
    @Autowired FailoverService failovers;
    @Autowired KubernetesClient cluster;
    @Autowired SandboxCluster sandbox;
    @Autowired JdbcTemplate jdbc;
    @Autowired TenantReconciler tenantReconciler;
    @Autowired AppReconciler appReconciler;
    @Autowired dev.nonstop.metrics.internal.MetricsSource metricsSource;

    @Test
    void card_path_with_ten_thousand_apps() throws Exception {
        int tenantCount = Integer.getInteger("bench.scale.tenants", 1000);
        int appsPerTenant = Integer.getInteger("bench.scale.apps", 10);
        int watched = Math.min(tenantCount, Integer.getInteger("bench.scale.watched", 20));
        int sessions = Integer.getInteger("bench.sessions", 200);
        sandbox.running().orElseThrow().clock().setSpeed(Double.parseDouble(System.getProperty("bench.speed", "10")));
        long started = System.nanoTime();

        // tenants: the watched ones signed up for real (their owners subscribe), the rest written in bulk
        List<SecurityContext> owners = new ArrayList<>();
        List<Long> tenantIds = new ArrayList<>();
        for (int i = 0; i < watched; i++) {
            SignUpResult owner = fixtures.newTenant();
            fixtures.signInAs(Fixtures.ADMIN);
            tenants.changeTier(owner.tenantId(), TierCode.PAID);
            fixtures.signInAs(owner.email().value());
            owners.add(SecurityContextHolder.getContext());
            SecurityContextHolder.clearContext();
            tenantIds.add(owner.tenantId());
        }
        String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        long paid = jdbc.queryForObject("SELECT id FROM tiers WHERE code = 'PAID'", Long.class);
        List<Object[]> rows = new ArrayList<>();
        for (int i = watched; i < tenantCount; i++) {
            rows.add(new Object[] {"s" + run + "-" + i, "Scale " + i, paid});
        }
        jdbc.batchUpdate("INSERT INTO tenants (slug, name, tier_id) VALUES (?, ?, ?)", rows);
        tenantIds.addAll(jdbc.queryForList("SELECT id FROM tenants WHERE slug LIKE ? ORDER BY id", Long.class,
                "s" + run + "-%"));
        tenantReconciler.reconcileAll();
        await("every tenant namespace", Duration.ofMinutes(20), () -> cluster.namespaces()
                .withLabel(KubeLabels.TENANT).list().getItems().size() >= tenantCount);
        log("%d tenant namespaces after %.0f s", tenantCount, seconds(started));

        // apps: a source, an app and its good release each, as a deploy leaves them
        List<Long> appIds = insertApps(tenantIds, appsPerTenant);
        appIds.forEach(appReconciler::enqueue);
        int deployments = tenantCount * appsPerTenant;
        await("every app running", Duration.ofMinutes(60), () -> ready(deployments));
        log("%d Deployments with 2 ready replicas each after %.0f s", deployments, seconds(started));

        Map<String, Long> appOfPods = new ConcurrentHashMap<>();
        Map<SecurityContext, List<App>> watchedApps = new java.util.LinkedHashMap<>();
        for (SecurityContext owner : owners) {
            SecurityContextHolder.setContext(owner);
            List<App> own = apps.apps();
            watchedApps.put(owner, own);
            String namespace = tenants.current().slug().namespace();
            own.forEach(a -> appOfPods.put(namespace + "/" + a.name(), a.id()));
        }
        SecurityContextHolder.clearContext();

        List<Long> toCard;
        int expected;
        try (CardLatency cards = new CardLatency(cluster, appOfPods)) {
            for (int s = 0; s < sessions; s++) {
                cards.subscribe(apps, owners.get(s % owners.size()));
            }
            // the pages are open (every subscriber has its tenant's cards) before anything fails
            await("every subscriber showing its apps", Duration.ofMinutes(2),
                    () -> cards.subscribersShowing(appsPerTenant) >= sessions);
            int drills = 0;
            for (var entry : watchedApps.entrySet()) {
                SecurityContextHolder.setContext(entry.getKey());
                for (App app : entry.getValue()) {
                    await("app " + app.id() + " running", Duration.ofMinutes(2),
                            () -> apps.status(app.id()).state() == AppStatus.State.RUNNING);
                    failovers.drill(app.id(), false);
                    drills++;
                }
            }
            SecurityContextHolder.clearContext();
            expected = drills * Math.max(1, sessions / owners.size());
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (cards.samples().size() < expected && System.nanoTime() < deadline) {
                Thread.sleep(2000);
            }
            toCard = cards.samples();
            if (Boolean.getBoolean("bench.trace")) {
                System.out.println("samples in arrival order (ms): " + toCard.stream()
                        .map(n -> String.format("%.0f", n / 1e6)).toList());
                System.out.println(cards.slowTrace());
            }
        } finally {
            sandbox.running().orElseThrow().clock().setSpeed(1);
            SecurityContextHolder.clearContext();
        }

        // the built-in metrics source (no Prometheus) at this scale: one sample of every app, and the memory
        // its hour takes per app (the rings are allocated whole at the first sample)
        var builtIn = (dev.nonstop.metrics.internal.BuiltInMetrics) metricsSource;
        long sampleStarted = System.nanoTime();
        builtIn.sample();
        double sampleMs = (System.nanoTime() - sampleStarted) / 1e6;
        List<Integer> bytes = jdbc.query("SELECT t.slug, a.name FROM apps a JOIN tenants t ON a.tenant_id = t.id",
                (row, n) -> builtIn.bytesFor("t-" + row.getString(1), row.getString(2)));
        double perApp = bytes.stream().mapToInt(Integer::intValue).average().orElse(0);
        long tracked = bytes.stream().filter(b -> b > 0).count();

        References references = References.load();
        String report = String.join("\n",
                "App scale benchmark (" + java.time.Instant.now() + "), " + tenantCount + " PAID tenants x "
                        + appsPerTenant + " apps = " + deployments + " apps running, " + sessions
                        + " card subscribers on " + watched + " tenants",
                "  pod Ready -> card shows it                     " + references.describe("app-scale.card", toCard),
                String.format(java.util.Locale.ROOT, "  built-in metrics: one sample of %d apps took %.0f ms; "
                        + "the hour kept per app %.1f KB (goal: under 50 KB), %.1f MB for all", tracked, sampleMs,
                        perApp / 1024, perApp * tracked / 1024 / 1024));
        if (toCard.size() < expected) {
            // a subscriber that never saw a replica missing and back had the drop and the recovery folded
            // into one card: its screen lagged behind the pod by more than the pod took to start
            report += String.format("%n  %d of %d replacements never reached a subscriber as a drop and a recovery"
                    + " within 5 minutes  <-- REGRESSION", expected - toCard.size(), expected);
        }
        References.publish(report);
        references.failOnRegression();
        if (toCard.size() < expected) {
            throw new AssertionError((expected - toCard.size()) + " of " + expected + " replacements not seen");
        }
    }

    /** Writes {@code perTenant} apps for every tenant: source, app, one GOOD release by digest. */
    private List<Long> insertApps(List<Long> tenantIds, int perTenant) {
        List<Object[]> sources = new ArrayList<>();
        for (long tenant : tenantIds) {
            for (int a = 0; a < perTenant; a++) {
                sources.add(new Object[] {tenant, "app-" + a, "https://github.com/acme/app-" + a});
            }
        }
        jdbc.batchUpdate("INSERT INTO build_sources (tenant_id, name, repo_url, kind, dockerfile, context_dir, port,"
                + " health_path, created_by, created_at) VALUES (?, ?, ?, 'DOCKERFILE', 'Dockerfile', '.', 8080, '/',"
                + " 'bench', CURRENT_TIMESTAMP(3))", sources);
        jdbc.update("INSERT INTO apps (tenant_id, source_id, name, replicas, size, created_at)"
                + " SELECT s.tenant_id, s.id, s.name, 2, 'S', CURRENT_TIMESTAMP(3) FROM build_sources s"
                + " LEFT JOIN apps a ON a.source_id = s.id WHERE a.id IS NULL AND s.created_by = 'bench'");
        List<Map<String, Object>> created = jdbc.queryForList("SELECT a.id FROM apps a JOIN build_sources s"
                + " ON s.id = a.source_id WHERE s.created_by = 'bench' AND a.current_release_id IS NULL");
        List<Object[]> releases = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (Map<String, Object> app : created) {
            long id = ((Number) app.get("id")).longValue();
            ids.add(id);
            byte[] digest = new byte[32];
            ThreadLocalRandom.current().nextBytes(digest);
            releases.add(new Object[] {id, "registry.sandbox.test/apps/scale@sha256:" + HexFormat.of().formatHex(digest),
                    HexFormat.of().formatHex(digest).substring(0, 40)});
        }
        jdbc.batchUpdate("INSERT INTO releases (app_id, image, commit_sha, port, health_path, replicas, size, status,"
                + " created_by, created_at, app_number) VALUES (?, ?, ?, 8080, '/', 2, 'S', 'GOOD', 'bench',"
                + " CURRENT_TIMESTAMP(3), 1)", releases);
        jdbc.update("UPDATE apps SET current_release_id = (SELECT MAX(r.id) FROM releases r WHERE r.app_id = apps.id),"
                + " good_release_id = (SELECT MAX(r.id) FROM releases r WHERE r.app_id = apps.id)"
                + " WHERE current_release_id IS NULL");
        return ids;
    }

    private boolean ready(int expected) {
        List<Deployment> all;
        try {
            all = cluster.apps().deployments().inAnyNamespace().withLabel(KubeLabels.MANAGED_BY,
                    KubeLabels.MANAGER).list().getItems();
        } catch (io.fabric8.kubernetes.client.KubernetesClientException slow) {
            // a list of 10,000 Deployments can wait behind the converging sandbox: ask again next round
            log("  (list not answered: %s)", slow.getMessage());
            return false;
        }
        long ready = all.stream().filter(d -> d.getStatus() != null && d.getStatus().getReadyReplicas() != null
                && d.getStatus().getReadyReplicas() >= 2).count();
        log("  %d of %d Deployments ready", ready, expected);
        return ready >= expected;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void log(String format, Object... args) {
        System.out.printf(format + "%n", args);
    }

    private static void await(String what, Duration timeout, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not reached within " + timeout);
            }
            Thread.sleep(2000);
        }
    }
}

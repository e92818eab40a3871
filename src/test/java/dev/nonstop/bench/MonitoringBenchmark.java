package dev.nonstop.bench;

import static dev.nonstop.bench.SandboxScaleBenchmark.log;
import static dev.nonstop.bench.SandboxScaleBenchmark.prop;
import static dev.nonstop.bench.SandboxScaleBenchmark.seconds;

import dev.nonstop.kube.KubeLabels;
import dev.nonstop.metrics.Metric;
import dev.nonstop.metrics.Series;
import dev.nonstop.metrics.TimeRange;
import dev.nonstop.metrics.internal.PrometheusMetrics;
import dev.nonstop.sandbox.Sandbox;
import dev.nonstop.sandbox.SandboxSettings;
import dev.nonstop.testsupport.PrometheusServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Monitoring with a real Prometheus at scale (issue 12): {@code bench.monitoring.tenants} tenants ×
 * {@code bench.monitoring.apps} apps (default 200 × 5: 2,000 pods) in the sandbox, scraped every
 * {@code bench.monitoring.scrape} seconds (15);
 * card subscribers ask for their tenant's sparklines (CPU, memory, requests, replicas) every refresh, as
 * open app cards do. Prints, for a growing number of subscribers on the same viewed tenants, the
 * Prometheus requests per refresh interval (they must follow the tenants viewed, not the sessions); the
 * time from a change in the cluster (an app scaled) to every subscriber's chart showing it; and the
 * portal memory per charted series held in the shared answers.
 */
class MonitoringBenchmark {

    static final List<Metric> CARD = List.of(Metric.CPU, Metric.MEMORY, Metric.REQUESTS, Metric.REPLICAS);
    /** Prometheus requests per refresh interval, per subscriber count in the order run. */
    private final List<Double> rates = new ArrayList<>();

    @Test
    void prometheus_requests_follow_the_tenants_viewed_not_the_sessions() throws Exception {
        int tenants = prop("bench.monitoring.tenants", 200);
        int apps = prop("bench.monitoring.apps", 5);
        int viewed = Math.min(tenants, prop("bench.monitoring.viewed", 20));
        int[] sessionCounts = Arrays.stream(System.getProperty("bench.monitoring.sessions", "20,100,200").split(","))
                .mapToInt(Integer::parseInt).toArray();
        Duration refresh = Duration.ofSeconds(prop("bench.monitoring.refresh", 5));
        int pods = tenants * apps * 2;
        int nodes = Math.max(4, (int) Math.ceil(pods * 1.2 / 110));
        SandboxSettings settings = new SandboxSettings(nodes, 3, 64_000, 256_000, 110, Duration.ofSeconds(2), 0,
                10, 0, Duration.ofMillis(200));
        log("Monitoring: %d tenants x %d apps (%d pods) on %d nodes, %d tenants viewed, refresh %s", tenants, apps,
                pods, nodes, viewed, refresh);
        try (Sandbox sandbox = Sandbox.start(settings); KubernetesClient client = sandbox.newClient()) {
            long start = System.nanoTime();
            for (int t = 0; t < tenants; t++) {
                String ns = "t-mon-" + t;
                client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata()
                        .build()).create();
                for (int a = 0; a < apps; a++) {
                    client.resource(SandboxScaleBenchmark.app(ns, "app-" + a, 2))
                            .fieldManager(KubeLabels.FIELD_MANAGER).forceConflicts().serverSideApply();
                }
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
            while (client.pods().inAnyNamespace().withLabel(KubeLabels.MANAGED_BY, KubeLabels.MANAGER).list()
                    .getItems().stream().filter(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase())).count() < pods) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the sandbox did not start " + pods + " pods in 20 minutes");
                }
                Thread.sleep(2000);
            }
            log("%d pods running after %.0f s", pods, seconds(System.nanoTime() - start));
            sandbox.clock().setSpeed(1);

            Duration scrape = Duration.ofSeconds(prop("bench.monitoring.scrape", 15));
            try (PrometheusServer prometheus = PrometheusServer.scraping(sandbox, null, null, scrape)) {
                PrometheusMetrics source = new PrometheusMetrics(prometheus.url(), "", refresh, Duration.ofSeconds(30));
                List<String> appNames = new ArrayList<>();
                for (int a = 0; a < apps; a++) {
                    appNames.add("app-" + a);
                }
                // Prometheus has every viewed tenant's pods before anything is measured
                deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
                while (source.query("t-mon-" + (viewed - 1), appNames, Metric.CPU, TimeRange.MINUTES_15, Instant.now())
                        .size() < apps) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("Prometheus has no CPU series yet: " + prometheus.log());
                    }
                    Thread.sleep(1000);
                }
                List<String> report = new ArrayList<>();
                report.add("Monitoring benchmark (" + Instant.now() + "), " + tenants + " tenants x " + apps
                        + " apps (" + pods + " pods), real Prometheus scraping every " + scrape.toSeconds() + " s, " + viewed
                        + " tenants viewed, refresh and answer sharing " + refresh.toSeconds() + " s");
                References references = References.load();
                int replicas = 2;
                for (int sessions : sessionCounts) {
                    replicas++;
                    report.add(run(sandbox, client, source, sessions, viewed, appNames, refresh, replicas,
                            references));
                }
                // memory per charted series: every tenant's card charts answered and held once
                PrometheusMetrics all = new PrometheusMetrics(prometheus.url(), "", Duration.ofHours(1),
                        Duration.ofSeconds(30));
                System.gc();
                Thread.sleep(500);
                long before = usedHeap();
                int series = 0;
                int points = 0;
                List<Map<String, List<Series>>> held = new ArrayList<>();
                for (int t = 0; t < tenants; t++) {
                    for (Metric metric : CARD) {
                        Map<String, List<Series>> answer = all.query("t-mon-" + t, appNames, metric,
                                TimeRange.MINUTES_15, Instant.now());
                        held.add(answer);
                        for (List<Series> list : answer.values()) {
                            series += list.size();
                            points += list.stream().mapToInt(s -> s.points().size()).sum();
                        }
                    }
                }
                System.gc();
                Thread.sleep(500);
                long after = usedHeap();
                report.add(String.format("  memory per charted series (15 min, %d series, %d points held): ~%.1f KB",
                        series, points, (after - before) / 1024.0 / Math.max(1, series)));
                report.add("  (kept reachable: " + held.size() + " answers)");
                References.publish(String.join("\n", report));
                references.failOnRegression();
                // shared answers: ten times the subscribers must not mean more than half as many requests again
                if (rates.getLast() > rates.getFirst() * 1.5) {
                    throw new AssertionError("Prometheus requests grew with the subscribers: " + rates);
                }
            }
        }
    }

    /**
     * {@code sessions} subscribers spread over the viewed tenants ask for their cards' charts every refresh;
     * after one refresh, each viewed tenant's app-0 is scaled to {@code replicas}, and each subscriber's
     * time to see it in its replicas chart is taken.
     */
    private String run(Sandbox sandbox, KubernetesClient client, PrometheusMetrics source, int sessions,
                              int viewed, List<String> apps, Duration refresh, int replicas, References references)
            throws Exception {
        ScheduledExecutorService pool = Executors.newScheduledThreadPool(8);
        Map<Integer, Long> seenAt = new ConcurrentHashMap<>();
        long[] scaledAt = {Long.MAX_VALUE};
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long requestsBefore = source.requests();
        long started = System.nanoTime();
        for (int s = 0; s < sessions; s++) {
            int session = s;
            String ns = "t-mon-" + (s % viewed);
            long phase = refresh.toMillis() * s / sessions;
            pool.scheduleAtFixedRate(() -> {
                Instant now = Instant.now();
                for (Metric metric : CARD) {
                    var answer = source.query(ns, apps, metric, TimeRange.MINUTES_15, now);
                    if (metric == Metric.REPLICAS && System.nanoTime() > scaledAt[0]
                            && answer.getOrDefault("app-0", List.of()).stream().anyMatch(x -> x.label().equals("desired")
                            && x.last() == replicas) && seenAt.putIfAbsent(session, System.nanoTime()) == null) {
                        latencies.add(System.nanoTime() - scaledAt[0]);
                    }
                }
            }, phase, refresh.toMillis(), TimeUnit.MILLISECONDS);
        }
        Thread.sleep(refresh.toMillis() * 3);
        long windowRequests = source.requests() - requestsBefore;
        long windowNanos = System.nanoTime() - started;
        scaledAt[0] = System.nanoTime();
        for (int t = 0; t < viewed; t++) {
            client.apps().deployments().inNamespace("t-mon-" + t).withName("app-0").scale(replicas);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (seenAt.size() < sessions && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        double intervals = windowNanos / (double) refresh.toNanos();
        rates.add(windowRequests / intervals);
        return String.format("  %4d subscribers: %.1f Prometheus requests per refresh interval (%d tenants x %d "
                        + "card metrics: %d); scaled -> chart shows it %s; %d of %d subscribers saw it",
                sessions, windowRequests / intervals, viewed, CARD.size() + 1, viewed * (CARD.size() + 1),
                references.describe("monitoring.change-to-chart." + sessions, latencies), latencies.size(), sessions);
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}

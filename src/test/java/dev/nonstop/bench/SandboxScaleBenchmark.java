package dev.nonstop.bench;

import dev.nonstop.kube.ClusterCache;
import dev.nonstop.kube.ClusterChange;
import dev.nonstop.kube.InformerRegistry;
import dev.nonstop.kube.KubeLabels;
import dev.nonstop.sandbox.Sandbox;
import dev.nonstop.sandbox.SandboxSettings;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Scale baseline for "cluster change → UI within 250 ms p99 at 10,000 apps": creates T tenant
 * namespaces × A apps (2 replicas each) in the sandbox, the way the portal will, and prints the time to
 * converge, the heap after GC (portal and sandbox share the JVM in sandbox mode), the informer cache
 * sizes, and the latency from an object change to the portal's informer event (p50, p99).
 * Run: {@code ./mvnw -Pbench test -Dbench.tenants=1000 -Dbench.apps=5} (see README, Benchmarks).
 */
public class SandboxScaleBenchmark {

    static int prop(String name, int fallback) {
        return Integer.getInteger(name, fallback);
    }

    @Test
    void converge_and_measure() throws Exception {
        int tenants = prop("bench.tenants", 1000);
        int apps = prop("bench.apps", 5);
        int replicas = 2;
        int pods = tenants * apps * replicas;
        int nodes = prop("bench.nodes", Math.max(4, (int) Math.ceil(pods * 1.2 / 110)));
        int changes = prop("bench.changes", 500);
        Duration timeout = Duration.ofMinutes(prop("bench.timeout.minutes", 30));
        SandboxSettings d = SandboxSettings.defaults();
        SandboxSettings settings = new SandboxSettings(nodes, 3, 64_000, 256_000, 110, Duration.ofSeconds(3), 0,
                prop("bench.speed", 10), 0, Duration.ofMillis(200));
        log("Sandbox: %d nodes in 3 zones; %d tenants x %d apps = %d Deployments, %d pods", nodes, tenants, apps,
                tenants * apps, pods);

        Map<String, Long> sent = new ConcurrentHashMap<>();
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        try (Sandbox sandbox = Sandbox.start(settings); KubernetesClient portal = sandbox.newClient();
             InformerRegistry registry = InformerRegistry.forBenchmark(portal, event -> {
                 if (event instanceof ClusterChange<?> change && change.object() instanceof Deployment dep
                         && dep.getMetadata().getAnnotations() != null) {
                     String ping = dep.getMetadata().getAnnotations().get("bench/ping");
                     Long at = ping == null ? null : sent.remove(ping);
                     if (at != null) {
                         latencies.add(System.nanoTime() - at);
                     }
                 }
             })) {
            ClusterCache<Deployment> deployments = registry.managed(Deployment.class);
            ClusterCache<Pod> podCache = registry.managed(Pod.class);

            long start = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try (KubernetesClient writer = sandbox.newClient()) {
                for (int t = 0; t < tenants; t++) {
                    String ns = "t-bench-" + t;
                    pool.submit(() -> {
                        writer.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns)
                                .endMetadata().build()).create();
                        for (int a = 0; a < apps; a++) {
                            writer.resource(app(ns, "app-" + a, replicas)).fieldManager(KubeLabels.FIELD_MANAGER)
                                    .forceConflicts().serverSideApply();
                        }
                    });
                }
                pool.shutdown();
                pool.awaitTermination(timeout.toMinutes(), TimeUnit.MINUTES);
                double created = seconds(System.nanoTime() - start);
                log("Created %d namespaces and %d Deployments in %.1f s", tenants, tenants * apps, created);

                long lastLog = System.nanoTime();
                while (true) {
                    long ready = deployments.all().stream().filter(dep -> dep.getStatus() != null
                            && Integer.valueOf(replicas).equals(dep.getStatus().getAvailableReplicas())).count();
                    if (ready == (long) tenants * apps) {
                        break;
                    }
                    if (System.nanoTime() - start > timeout.toNanos()) {
                        log("NOT CONVERGED within %s: %d of %d Deployments available", timeout, ready,
                                tenants * apps);
                        break;
                    }
                    if (System.nanoTime() - lastLog > Duration.ofSeconds(15).toNanos()) {
                        log("... %.0f s: %d/%d Deployments available, %d pods cached, sandbox ticks %d",
                                seconds(System.nanoTime() - start), ready, tenants * apps, podCache.size(),
                                sandbox.ticks());
                        lastLog = System.nanoTime();
                    }
                    Thread.sleep(500);
                }
                double converged = seconds(System.nanoTime() - start);

                System.gc();
                Thread.sleep(500);
                System.gc();
                long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();

                List<Deployment> all = deployments.all();
                long[] idle = measure(writer, all, changes, sent, latencies, 0);
                // Again while a share of the apps roll out a new image: the informer path under churn.
                int churn = Math.min(all.size(), prop("bench.churn", all.size() / 10));
                for (int i = 0; i < churn; i++) {
                    Deployment target = all.get(i);
                    writer.resource(app(target.getMetadata().getNamespace(), target.getMetadata().getName(), replicas,
                            2)).fieldManager(KubeLabels.FIELD_MANAGER).forceConflicts().serverSideApply();
                }
                long[] busy = measure(writer, all, changes, sent, latencies, changes);
                String report = String.join("\n",
                        "Sandbox scale benchmark (" + java.time.Instant.now() + ")",
                        String.format("  scale                     %d tenants x %d apps = %d Deployments, %d pods, %d nodes",
                                tenants, apps, tenants * apps, pods, nodes),
                        String.format("  creation                  %.1f s", created),
                        String.format("  time to converge          %.1f s (all Deployments %d/%d available)", converged,
                                replicas, replicas),
                        String.format("  heap after GC             %d MiB (portal side and sandbox in one JVM)",
                                heap / (1024 * 1024)),
                        String.format("  informer caches           %s; watches: %d", registry.cacheSizes(),
                                registry.watchCount()),
                        "  change -> informer event  " + describe(idle, changes) + " (converged, idle)",
                        "  change -> informer event  " + describe(busy, changes) + " (while " + churn
                                + " Deployments roll out)");
                System.out.println(report);
                Path out = Path.of("target", "bench-results.txt");
                Files.createDirectories(out.getParent());
                Files.writeString(out, report + "\n", java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND);
            }
        }
    }

    /** Sends {@code changes} annotation patches to random Deployments; the sorted change→event latencies. */
    static long[] measure(KubernetesClient writer, List<Deployment> all, int changes, Map<String, Long> sent,
                          List<Long> latencies, int offset) throws InterruptedException {
        latencies.clear();
        for (int i = 0; i < changes; i++) {
            Deployment target = all.get(ThreadLocalRandom.current().nextInt(all.size()));
            String ping = String.valueOf(offset + i);
            sent.put(ping, System.nanoTime());
            writer.apps().deployments().inNamespace(target.getMetadata().getNamespace())
                    .withName(target.getMetadata().getName()).patch(PatchContext.of(PatchType.JSON_MERGE),
                            "{\"metadata\":{\"annotations\":{\"bench/ping\":\"" + ping + "\"}}}");
            Thread.sleep(10);
        }
        long waitUntil = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (latencies.size() < changes && System.nanoTime() < waitUntil) {
            Thread.sleep(50);
        }
        synchronized (latencies) {
            return latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        }
    }

    static String describe(long[] sorted, int changes) {
        return String.format("p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d of %d seen)", pct(sorted, 50), pct(sorted, 99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6, sorted.length, changes);
    }

    static Deployment app(String ns, String name, int replicas) {
        return app(ns, name, replicas, 1);
    }

    static Deployment app(String ns, String name, int replicas, int version) {
        Map<String, String> labels = KubeLabels.standard(ns, name, name);
        return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(ns).withLabels(labels)
                .endMetadata().withNewSpec().withReplicas(replicas).withMinReadySeconds(5)
                .withProgressDeadlineSeconds(600).withRevisionHistoryLimit(3)
                .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate().withMaxSurge(new IntOrString(1))
                .withMaxUnavailable(new IntOrString(0)).endRollingUpdate().endStrategy()
                .withNewSelector().addToMatchLabels(KubeLabels.INSTANCE, name).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata().withNewSpec()
                .addNewContainer().withName("app").withImage("bench/" + name + ":" + version).withNewResources()
                .addToRequests("cpu", new Quantity("100m")).addToRequests("memory", new Quantity("128Mi"))
                .endResources().endContainer()
                .addNewTopologySpreadConstraint().withMaxSkew(1).withTopologyKey("kubernetes.io/hostname")
                .withWhenUnsatisfiable("DoNotSchedule").withNewLabelSelector().addToMatchLabels(KubeLabels.INSTANCE, name)
                .endLabelSelector().endTopologySpreadConstraint()
                .endSpec().endTemplate().endSpec().build();
    }

    public static double pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    static void log(String format, Object... args) {
        System.out.println("[bench] " + String.format(format, args));
    }
}

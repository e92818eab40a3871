package dev.nonstop.bench;

import dev.nonstop.app.App;
import dev.nonstop.app.AppService;
import dev.nonstop.app.AppStatus;
import dev.nonstop.app.FailoverService;
import dev.nonstop.bench.BenchTenants.Tenant;
import dev.nonstop.build.Build;
import dev.nonstop.build.BuildFinished;
import dev.nonstop.build.BuildService;
import dev.nonstop.build.BuildSettings;
import dev.nonstop.build.BuildStatus;
import dev.nonstop.build.WebhookService;
import dev.nonstop.sandbox.SandboxCluster;
import dev.nonstop.tenant.TenantService;
import dev.nonstop.testsupport.Fixtures;
import dev.nonstop.testsupport.IntegrationTest;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The deploy path, timed (issue 6): "Deploy" → PipelineRun created; build succeeded → Deployment
 * applied (push-to-deploy); a pod turning Ready in the sandbox → a card showing it, with
 * {@code bench.sessions} subscribers (default 100) doing what an open Apps page does on every change:
 * recompute the app's card. Run: {@code ./mvnw -Pbench test -Dtest=AppPathBenchmark} (README, Benchmarks).
 */
@IntegrationTest
class AppPathBenchmark {

    @Autowired Fixtures fixtures;
    @Autowired BuildService builds;
    @Autowired AppService apps;
    @Autowired FailoverService failovers;
    @Autowired WebhookService webhooks;
    @Autowired TenantService tenants;
    @Autowired KubernetesClient cluster;
    @Autowired SandboxCluster sandbox;
    @Autowired BuildSettings buildSettings;
    @Autowired ConfigurableApplicationContext context;

    @Test
    void deploy_path_latencies() throws Exception {
        int count = Integer.getInteger("bench.app.tenants", 20);
        int sessions = Integer.getInteger("bench.sessions", 100);
        sandbox.running().orElseThrow().clock().setSpeed(Double.parseDouble(System.getProperty("bench.speed", "20")));
        List<Tenant> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            all.add(BenchTenants.paidWithSource(fixtures, tenants, builds));
        }

        // a running portal is warm: a few builds before the measured ones (class loading, JIT, pools, the
        // queries' plans); one was not enough, the first measured clicks still parsed HQL and loaded classes
        for (int i = 0; i < Integer.getInteger("bench.warmup", 5); i++) {
            Tenant warm = BenchTenants.paidWithSource(fixtures, tenants, builds);
            SecurityContextHolder.setContext(warm.security());
            builds.start(warm.source().id());
        }

        // 1. "Deploy" (a build start) -> PipelineRun created, seen through a watch
        Map<String, Long> created = new ConcurrentHashMap<>();
        List<Long> toPipelineRun = Collections.synchronizedList(new ArrayList<>());
        // the Git host's answer to the ref probe is part of a click; measured apart, as the portal cannot speed it up
        List<Long> gitAnswer = new ArrayList<>();
        List<Long> portalShare = new ArrayList<>();
        var gitServer = dev.nonstop.testsupport.GitFixtures.shared();
        Map<Long, Build> firstBuilds = new ConcurrentHashMap<>();
        try (Watch watch = cluster.genericKubernetesResources("tekton.dev/v1", "PipelineRun")
                .inNamespace(buildSettings.namespace()).watch(new Watcher<>() {
                    @Override
                    public void eventReceived(Action action, GenericKubernetesResource run) {
                        if (action == Action.ADDED) {
                            created.putIfAbsent(run.getMetadata().getName(), System.nanoTime());
                        }
                    }

                    @Override
                    public void onClose(WatcherException cause) {
                    }
                })) {
            for (Tenant t : all) {
                SecurityContextHolder.setContext(t.security());
                long gitBefore = gitServer.probeNanos();
                long clicked = System.nanoTime();
                Build build = builds.start(t.source().id());
                firstBuilds.put(t.owner().tenantId(), build);
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (!created.containsKey("build-" + build.id()) && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
                Long at = created.get("build-" + build.id());
                if (at != null) {
                    long git = gitServer.probeNanos() - gitBefore;
                    toPipelineRun.add(at - clicked);
                    gitAnswer.add(git);
                    portalShare.add(at - clicked - git);
                }
            }
        }
        for (Tenant t : all) {
            SecurityContextHolder.setContext(t.security());
            Build build = firstBuilds.get(t.owner().tenantId());
            try {
                await(() -> builds.get(build.id()).status() == BuildStatus.SUCCEEDED, Duration.ofMinutes(2));
            } catch (AssertionError notBuilt) {
                throw new AssertionError("build " + build.id() + " is " + builds.get(build.id()), notBuilt);
            }
            App app = apps.deploy(build.id());
            await(() -> apps.status(app.id()).state() == AppStatus.State.RUNNING, Duration.ofMinutes(2));
        }

        // 2. build succeeded -> Deployment applied (push-to-deploy through the webhook)
        Map<String, Long> finishedAtByDigest = new ConcurrentHashMap<>();
        List<Long> toDeployment = Collections.synchronizedList(new ArrayList<>());
        context.addApplicationListener(event -> {
            if (event instanceof PayloadApplicationEvent<?> payload && payload.getPayload() instanceof BuildFinished f
                    && f.build().imageDigest() != null) {
                finishedAtByDigest.put(f.build().imageDigest(), System.nanoTime());
            }
        });
        Map<String, Boolean> applied = new ConcurrentHashMap<>();
        try (Watch watch = cluster.apps().deployments().inAnyNamespace().watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Deployment d) {
                String image = d.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage();
                String digest = image.substring(image.indexOf('@') + 1);
                Long finished = finishedAtByDigest.get(digest);
                if (finished != null && applied.putIfAbsent(digest, true) == null) {
                    toDeployment.add(System.nanoTime() - finished);
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        })) {
            for (Tenant t : all) {
                SecurityContextHolder.setContext(t.security());
                String commit = firstBuilds.get(t.owner().tenantId()).commit();
                byte[] body = ("{\"ref\":\"refs/heads/main\",\"after\":\"" + commit + "\",\"repository\":"
                        + "{\"default_branch\":\"main\"},\"pusher\":{\"name\":\"bench\"}}").getBytes(StandardCharsets.UTF_8);
                webhooks.receive(builds.webhook(t.source().id()).path().substring("/api/hooks/github/".length()),
                        "192.0.2.31", "push", UUID.randomUUID().toString(),
                        WebhookService.sign(builds.webhook(t.source().id()).secret(), body), body);
            }
            await(() -> toDeployment.size() >= all.size(), Duration.ofMinutes(3));
        }

        // 3. pod Ready -> card, with many subscribers redrawing from the shared card on every change
        Map<String, Long> appOfPods = new ConcurrentHashMap<>();
        for (Tenant t : all) {
            SecurityContextHolder.setContext(t.security());
            App app = apps.apps().getFirst();
            appOfPods.put(t.owner().slug().namespace() + "/" + app.name(), app.id());
        }
        List<Long> toCard;
        try (CardLatency cards = new CardLatency(cluster, appOfPods)) {
            for (int s = 0; s < sessions; s++) {
                cards.subscribe(apps, all.get(s % all.size()).security());
            }
            await(() -> cards.subscribersShowing(1) >= sessions, Duration.ofMinutes(1));
            for (Tenant t : all) {
                SecurityContextHolder.setContext(t.security());
                long appId = apps.apps().getFirst().id();
                await(() -> apps.status(appId).state() == AppStatus.State.RUNNING, Duration.ofMinutes(1));
                failovers.drill(appId, false);
            }
            await(() -> cards.samples().size() >= all.size(), Duration.ofMinutes(2));
            toCard = cards.samples();
        } finally {
            sandbox.running().orElseThrow().clock().setSpeed(1);
            SecurityContextHolder.clearContext();
        }

        References references = References.load();
        String cardKey = sessions >= 1000 ? "app-path.card.1000" : "app-path.card";
        String report = String.join("\n",
                "App path benchmark (" + java.time.Instant.now() + "), " + count + " PAID tenants, " + sessions
                        + " card subscribers",
                "  Deploy (build start) -> PipelineRun created    " + references.describe("app-path.deploy",
                        toPipelineRun),
                "    of which the Git server answering the ref probe " + references.describe("app-path.deploy.git",
                        gitAnswer),
                "    the portal's own share                      " + references.describe("app-path.deploy.portal",
                        portalShare),
                "  build succeeded -> Deployment applied          " + references.describe("app-path.auto-deploy",
                        toDeployment),
                "  pod Ready -> card shows it                     " + references.describe(cardKey, toCard));
        References.publish(report);
        references.failOnRegression();
    }

    static String describe(List<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return String.format("p50 %.1f ms, p99 %.1f ms (%d samples)", SandboxScaleBenchmark.pct(sorted, 50),
                SandboxScaleBenchmark.pct(sorted, 99), sorted.length);
    }

    static void await(java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + timeout);
            }
            Thread.sleep(20);
        }
    }
}

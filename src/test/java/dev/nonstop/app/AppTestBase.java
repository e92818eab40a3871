package dev.nonstop.app;

import static dev.nonstop.testsupport.Eventually.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nonstop.build.Build;
import dev.nonstop.build.BuildService;
import dev.nonstop.build.BuildSource;
import dev.nonstop.build.BuildStatus;
import dev.nonstop.build.Inspection;
import dev.nonstop.common.AccessDenied;
import dev.nonstop.kube.Applier;
import dev.nonstop.sandbox.Sandbox;
import dev.nonstop.sandbox.SandboxCluster;
import dev.nonstop.security.SignUpResult;
import dev.nonstop.tenant.TenantService;
import dev.nonstop.testsupport.Fixtures;
import dev.nonstop.testsupport.GitFixtures;
import dev.nonstop.testsupport.IntegrationTest;
import dev.nonstop.testsupport.Workloads;
import dev.nonstop.tier.TierCode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the app tests share: one PAID tenant per test with a source from the local Git fixture
 * server, the sandbox at 40x, and helpers that build, read the app's Deployment and pods, and wait.
 */
@IntegrationTest
abstract class AppTestBase {

    static final Duration SOON = Duration.ofSeconds(30);

    @Autowired Fixtures fixtures;
    @Autowired AppService apps;
    @Autowired BuildService builds;
    @Autowired TenantService tenants;
    @Autowired KubernetesClient cluster;
    @Autowired SandboxCluster sandboxCluster;
    @Autowired Applier applier;
    @Autowired FailoverService failovers;
    @Autowired AppConfigService configs;
    @Autowired AppInsightService insight;
    @Autowired dev.nonstop.audit.AuditLog audit;
    @Autowired dev.nonstop.build.WebhookService webhooks;
    SignUpResult owner;
    BuildSource source;

    Sandbox sandbox() {
        return sandboxCluster.running().orElseThrow();
    }

    @BeforeEach
    void paidTenantWithASource() {
        sandbox().clock().setSpeed(40);
        owner = fixtures.newTenant();
        fixtures.signInAs(Fixtures.ADMIN);
        tenants.changeTier(owner.tenantId(), TierCode.PAID);
        fixtures.signOut();
        fixtures.signInAs(owner.email().value());
        within(Duration.ofSeconds(10), () -> assertThat(tenants.usage(owner.tenantId()))
                .anySatisfy(u -> assertThat(u.resource().equals("pods") && u.hard().equals("80")).isTrue()));
        var git = GitFixtures.shared();
        Inspection inspection = builds.inspect(git.url("acme", "docker-app"), null);
        source = builds.createSource("web", git.url("acme", "docker-app"), null, inspection.detection());
    }

    @AfterEach
    void normal() {
        sandbox().clock().setSpeed(1);
        sandbox().clearCrashingImages();
        fixtures.signOut();
    }

    protected Build built() {
        Build build = builds.start(source.id());
        within(dev.nonstop.testsupport.Eventually.A_BUILD, () -> assertThat(builds.get(build.id()).status()).isEqualTo(BuildStatus.SUCCEEDED));
        return builds.get(build.id());
    }

    protected String ns() {
        return owner.slug().namespace();
    }

    protected Deployment deployment() {
        return cluster.apps().deployments().inNamespace(ns()).withName("web").get();
    }

    protected void awaitAvailable(int n) {
        within(SOON, () -> {
            Deployment d = deployment();
            assertThat(d).isNotNull();
            assertThat(d.getStatus()).isNotNull();
            assertThat(d.getStatus().getAvailableReplicas()).isEqualTo(n);
            assertThat(d.getStatus().getUpdatedReplicas()).isEqualTo(n);
        });
    }

    protected void cordon(String node, boolean unschedulable) {
        cluster.nodes().withName(node).patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
                "{\"spec\":{\"unschedulable\":" + unschedulable + "}}");
    }

    protected List<Pod> pods() {
        return cluster.pods().inNamespace(ns()).withLabel("app.kubernetes.io/instance", "web").list().getItems()
                .stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
    }
}

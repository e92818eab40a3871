package dev.nonstop.build;

import static dev.nonstop.testsupport.Eventually.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static dev.nonstop.testsupport.Refusals.notFound;

import dev.nonstop.build.internal.BuildDefinitions;
import dev.nonstop.build.tekton.PipelineRun;
import dev.nonstop.common.UserError;
import dev.nonstop.kube.KubeLabels;
import dev.nonstop.sandbox.Sandbox;
import dev.nonstop.sandbox.SandboxCluster;
import dev.nonstop.security.SignUpResult;
import dev.nonstop.source.SourceRefused;
import dev.nonstop.source.StackKind;
import dev.nonstop.testsupport.Fixtures;
import dev.nonstop.testsupport.GitFixtures;
import dev.nonstop.testsupport.GitServer;
import dev.nonstop.testsupport.IntegrationTest;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * From a URL on a real (loopback) Git server to a finished build in the sandbox: inspection,
 * PipelineRuns in the build namespace, live status, classified failures, cancel, limits, isolation.
 */
@IntegrationTest
class BuildServiceTest {

    static final Duration BUILD = Duration.ofSeconds(20);
    static GitServer git;

    @Autowired Fixtures fixtures;
    @Autowired BuildService builds;
    @Autowired KubernetesClient cluster;
    @Autowired SandboxCluster sandboxCluster;
    @Autowired BuildSettings settings;
    @Autowired dev.nonstop.tier.TierService tiers;
    SignUpResult owner;

    @BeforeAll
    static void repositories() {
        git = GitFixtures.shared();
    }

    Sandbox sandbox() {
        return sandboxCluster.running().orElseThrow();
    }

    @BeforeEach
    void signIn() {
        sandbox().clock().setSpeed(40);
        owner = fixtures.newTenant();
        fixtures.signInAs(owner.email().value());
    }

    @AfterEach
    void signOut() {
        fixtures.signOut();
        sandbox().clearBuildFaults();
    }

    @AfterAll
    static void normalTime(@Autowired SandboxCluster sandboxCluster) {
        sandboxCluster.running().ifPresent(s -> s.clock().setSpeed(1));
    }

    private BuildSource source(String repo) {
        Inspection inspection = builds.inspect(git.url("acme", repo), null);
        return builds.createSource(inspection.suggestedName(), git.url("acme", repo), null, inspection.detection());
    }

    private Build awaitEnd(long id) {
        within(BUILD, () -> assertThat(builds.get(id).status().finished()).isTrue());
        return builds.get(id);
    }

    @Test
    void the_pipeline_and_tasks_are_in_the_build_namespace() {
        assertThat(cluster.genericKubernetesResources("tekton.dev/v1", "Pipeline").inNamespace(settings.namespace())
                .withName("nonstop-build").get()).isNotNull();
        assertThat(cluster.genericKubernetesResources("tekton.dev/v1", "Task").inNamespace(settings.namespace())
                .list().getItems()).extracting(t -> t.getMetadata().getName()).containsExactlyInAnyOrder(
                        "nonstop-clone", "nonstop-build-dockerfile", "nonstop-build-buildpacks", "nonstop-push");
        assertThat(cluster.resourceQuotas().inNamespace(settings.namespace()).withName("build-quota").get())
                .isNotNull();
        assertThat(BuildDefinitions.tektonDefinitions()).hasSize(5);
    }

    @Test
    void a_dockerfile_repository_is_inspected_then_built_through_to_an_image_digest() {
        Inspection inspection = builds.inspect(git.url("acme", "docker-app"), "develop");
        assertThat(inspection.detection().kind()).isEqualTo(StackKind.DOCKERFILE);
        assertThat(inspection.detection().port()).isEqualTo(8080);
        assertThat(inspection.ref().shortName()).isEqualTo("develop");
        assertThat(inspection.suggestedName()).isEqualTo("docker-app");
        BuildSource source = builds.createSource("shop", git.url("acme", "docker-app"), "develop",
                inspection.detection().corrected(8081, "/healthz", null, null));
        assertThat(source.port()).isEqualTo(8081);

        Build started = builds.start(source.id());
        assertThat(started.status()).isEqualTo(BuildStatus.QUEUED);
        assertThat(started.commit()).isEqualTo(inspection.ref().commit());
        assertThat(started.image()).isEqualTo("registry.sandbox.test/apps/" + owner.slug().value() + "/shop:b"
                + started.id());

        PipelineRun run = cluster.resources(PipelineRun.class).inNamespace(settings.namespace())
                .withName("build-" + started.id()).get();
        assertThat(run.getMetadata().getLabels()).containsEntry(KubeLabels.TENANT, owner.slug().value())
                .containsEntry(KubeLabels.INSTANCE, "shop").containsEntry("nonstop.dev/build",
                        String.valueOf(started.id()));
        assertThat(run.getSpec().params).extracting(p -> p.name() + "=" + p.value()).contains(
                "repo-url=" + git.url("acme", "docker-app"), "revision=" + started.commit(), "builder=dockerfile");
        assertThat(cluster.resources(PipelineRun.class).inNamespace(owner.slug().namespace()).list().getItems())
                .isEmpty();

        Build done = awaitEnd(started.id());
        assertThat(done.status()).isEqualTo(BuildStatus.SUCCEEDED);
        assertThat(done.imageDigest()).startsWith("sha256:");
        assertThat(done.steps()).extracting(s -> s.name() + ":" + s.state())
                .containsExactly("clone:DONE", "build:DONE", "push:DONE");
        assertThat(done.steps()).allSatisfy(s -> assertThat(s.duration(java.time.Instant.now())).isPositive());
        assertThat(builds.log(done.id())).contains("── clone ──", "── push ──", "step push completed");
        // what the commit says and who made it, fetched after the start (the release list shows them)
        within(BUILD, () -> assertThat(builds.get(started.id())).extracting(Build::commitMessage, Build::commitAuthor)
                .containsExactly("fixture docker-app", "Fixture"));
    }

    @Test
    void a_repository_without_a_dockerfile_is_built_with_buildpacks() {
        BuildSource source = source("node-app");
        assertThat(source.kind()).isEqualTo(StackKind.NODE);
        Build started = builds.start(source.id());
        assertThat(cluster.resources(PipelineRun.class).inNamespace(settings.namespace())
                .withName("build-" + started.id()).get().getSpec().params)
                .extracting(p -> p.name() + "=" + p.value()).contains("builder=buildpacks");
        Build done = awaitEnd(started.id());
        assertThat(done.status()).isEqualTo(BuildStatus.SUCCEEDED);
        assertThat(done.steps()).extracting(BuildStep::state).containsOnly(BuildStep.State.DONE);
    }

    @Test
    void nothing_to_build_is_said_before_any_build() {
        Inspection inspection = builds.inspect(git.url("acme", "notes"), null);
        assertThat(inspection.detection().buildable()).isFalse();
        assertThatThrownBy(() -> builds.createSource("notes", git.url("acme", "notes"), null,
                inspection.detection())).isInstanceOfSatisfying(UserError.class,
                        e -> assertThat(e.key()).isEqualTo("build.cause.nothing-to-build"));
    }

    @Test
    void failures_are_classified_into_a_cause_and_a_fix() {
        sandbox().failBuilds("acme/broken-app", "build", "Error");
        sandbox().failBuilds("acme/hungry-app", "build", "OOMKilled");
        sandbox().failBuilds("acme/locked-app", "clone", "Authentication failed for repository");
        Build broken = awaitEnd(builds.start(source("broken-app").id()).id());
        assertThat(broken.status()).isEqualTo(BuildStatus.FAILED);
        assertThat(broken.failureCause()).isEqualTo(FailureCause.BUILD_STEP);
        assertThat(broken.failureDetail()).contains("error: step build failed: Error");
        assertThat(broken.steps()).extracting(s -> s.name() + ":" + s.state())
                .containsExactly("clone:DONE", "build:FAILED", "push:SKIPPED");
        assertThat(broken.imageDigest()).isNull();

        fixtures.signOut();
        owner = fixtures.newTenant();
        fixtures.signInAs(owner.email().value());
        Build hungry = awaitEnd(builds.start(source("hungry-app").id()).id());
        assertThat(hungry.failureCause()).isEqualTo(FailureCause.OUT_OF_MEMORY);

        fixtures.signOut();
        owner = fixtures.newTenant();
        fixtures.signInAs(owner.email().value());
        Build locked = awaitEnd(builds.start(source("locked-app").id()).id());
        assertThat(locked.failureCause()).isEqualTo(FailureCause.CLONE_AUTH);
    }

    @Test
    void a_running_build_can_be_cancelled() {
        sandbox().clock().setSpeed(2);
        Build started = builds.start(source("slow-app").id());
        within(BUILD, () -> assertThat(builds.get(started.id()).status()).isIn(BuildStatus.CLONING,
                BuildStatus.BUILDING));
        builds.cancel(started.id());
        Build cancelled = awaitEnd(started.id());
        assertThat(cancelled.status()).isEqualTo(BuildStatus.CANCELLED);
        assertThat(cancelled.failureCause()).isEqualTo(FailureCause.CANCELLED);
    }

    @Test
    void a_second_build_while_the_tiers_only_concurrent_build_runs_is_refused() {
        sandbox().clock().setSpeed(2);
        BuildSource source = source("docker-app");
        Build first = builds.start(source.id());
        assertThatThrownBy(() -> builds.start(source.id())).isInstanceOfSatisfying(UserError.class,
                e -> assertThat(e.key()).isEqualTo("build.limit.concurrent"));
        builds.cancel(first.id());
    }

    @Test
    void when_the_days_builds_are_used_up_the_refusal_says_when_the_next_is_possible() {
        fixtures.signOut();
        fixtures.signInAs(Fixtures.ADMIN);
        var free = tiers.byCode(dev.nonstop.tier.TierCode.FREE);
        var l = free.limits();
        var oneADay = new dev.nonstop.tier.TierLimits(l.maxApps(), l.minReplicas(), l.maxReplicas(), l.largestSize(),
                l.quotaCpuRequestsMilli(), l.quotaCpuLimitsMilli(), l.quotaMemoryRequestsMib(),
                l.quotaMemoryLimitsMib(), l.quotaPods(), 1, 1, l.assistantMessagesPerHour(), l.zonesPromised(),
                l.quotaServices(), l.quotaPersistentVolumeClaims(), l.quotaConfigObjects());
        var saved = tiers.updateLimits(dev.nonstop.tier.TierCode.FREE, oneADay, free.version());
        fixtures.signOut();
        fixtures.signInAs(owner.email().value());
        try {
            BuildSource source = source("docker-app");
            awaitEnd(builds.start(source.id()).id());
            assertThatThrownBy(() -> builds.start(source.id())).isInstanceOfSatisfying(UserError.class, e -> {
                assertThat(e.key()).isEqualTo("build.limit.daily");
                assertThat(java.time.Instant.parse(String.valueOf(e.args()[1])))
                        .isAfter(java.time.Instant.now().plusSeconds(3600));
            });
            assertThat(builds.recent(5)).hasSize(1);
        } finally {
            fixtures.signOut();
            fixtures.signInAs(Fixtures.ADMIN);
            tiers.updateLimits(dev.nonstop.tier.TierCode.FREE, l, saved.version());
        }
    }

    @Test
    void inspections_are_limited_per_tenant_by_the_tier_and_a_malformed_url_costs_nothing() {
        fixtures.signOut();
        fixtures.signInAs(Fixtures.ADMIN);
        var free = tiers.byCode(dev.nonstop.tier.TierCode.FREE);
        var l = free.limits();
        var twoAnHour = new dev.nonstop.tier.TierLimits(l.maxApps(), l.minReplicas(), l.maxReplicas(), l.largestSize(),
                l.quotaCpuRequestsMilli(), l.quotaCpuLimitsMilli(), l.quotaMemoryRequestsMib(),
                l.quotaMemoryLimitsMib(), l.quotaPods(), l.buildsPerDay(), l.concurrentBuilds(),
                l.assistantMessagesPerHour(), l.zonesPromised(), l.quotaServices(), l.quotaPersistentVolumeClaims(),
                l.quotaConfigObjects(), 2);
        var saved = tiers.updateLimits(dev.nonstop.tier.TierCode.FREE, twoAnHour, free.version());
        fixtures.signOut();
        fixtures.signInAs(owner.email().value());
        try {
            assertThatThrownBy(() -> builds.inspect("ftp://nowhere", null)).isInstanceOf(SourceRefused.class);
            builds.inspect(git.url("acme", "docker-app"), null);
            builds.inspect(git.url("acme", "node-app"), null);
            dev.nonstop.testsupport.Refusals.refusedWith(() -> builds.inspect(git.url("acme", "docker-app"), null),
                    "build.limit.inspections");
            // another tenant on the same tier has its own hour
            fixtures.signOut();
            fixtures.signInAs(fixtures.newTenant().email().value());
            builds.inspect(git.url("acme", "docker-app"), null);
        } finally {
            fixtures.signOut();
            fixtures.signInAs(Fixtures.ADMIN);
            tiers.updateLimits(dev.nonstop.tier.TierCode.FREE, l, saved.version());
        }
    }

    @Test
    void another_tenant_cannot_see_start_or_cancel_these_builds() {
        BuildSource source = source("docker-app");
        Build build = builds.start(source.id());
        fixtures.signOut();
        SignUpResult other = fixtures.newTenant();
        fixtures.signInAs(other.email().value());
        // the same answer as for a build or app that does not exist
        notFound(() -> builds.get(Long.MAX_VALUE), "build.not-found");
        notFound(() -> builds.get(build.id()), "build.not-found");
        notFound(() -> builds.log(build.id()), "build.not-found");
        notFound(() -> builds.cancel(build.id()), "build.not-found");
        notFound(() -> builds.start(Long.MAX_VALUE), "build.source.not-found");
        notFound(() -> builds.start(source.id()), "build.source.not-found");
        notFound(() -> builds.webhook(source.id()), "build.source.not-found");
        notFound(() -> builds.rotateWebhookSecret(source.id()), "build.source.not-found");
        assertThat(builds.recent(50)).isEmpty();
        assertThat(builds.sources()).isEmpty();
    }

    @Test
    void hostile_urls_are_refused_before_anything_is_fetched() {
        assertThatThrownBy(() -> builds.inspect("http://169.254.169.254/latest/meta-data", null))
                .isInstanceOf(SourceRefused.class);
        assertThatThrownBy(() -> builds.inspect("https://github.com/acme/shop", "--upload-pack=touch /tmp/x"))
                .isInstanceOfSatisfying(SourceRefused.class, e -> assertThat(e.key()).isEqualTo("source.ref.option"));
    }
}

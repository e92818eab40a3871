package dev.nonstop.app;

import static dev.nonstop.testsupport.Eventually.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static dev.nonstop.testsupport.Refusals.notFound;

import dev.nonstop.build.Build;
import dev.nonstop.build.BuildService;
import dev.nonstop.build.BuildSource;
import dev.nonstop.build.BuildStatus;
import dev.nonstop.build.Inspection;
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

/** Apps through the services, in the sandbox: deploy, update, failures, rollback, quota, isolation, delete. */
class AppServiceTest extends AppTestBase {

    @Test
    void a_deployed_build_runs_two_ready_replicas_over_two_nodes_and_two_zones() {
        Build build = built();
        App app = apps.deploy(build.id());
        assertThat(app.replicas()).isEqualTo(2);
        awaitAvailable(2);
        Set<String> nodes = pods().stream().map(p -> p.getSpec().getNodeName()).collect(Collectors.toSet());
        Set<String> zones = nodes.stream().map(n -> cluster.nodes().withName(n).get().getMetadata().getLabels()
                .get("topology.kubernetes.io/zone")).collect(Collectors.toSet());
        assertThat(nodes).hasSize(2);
        assertThat(zones).hasSize(2);
        assertThat(deployment().getSpec().getTemplate().getSpec().getContainers().getFirst().getImage())
                .endsWith("@" + build.imageDigest());
        within(SOON, () -> assertThat(apps.releases(app.id())).singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(Release.Status.GOOD)));

        List<String> lines = new CopyOnWriteArrayList<>();
        try (AutoCloseable follow = insight.follow(app.id(), pods().getFirst().getMetadata().getName(), lines::add)) {
            within(SOON, () -> assertThat(lines).isNotEmpty());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(insight.log(app.id(), pods().getFirst().getMetadata().getName())).isNotBlank();
    }

    @Test
    void an_update_never_has_fewer_than_two_available_and_ends_on_the_new_image() throws Exception {
        App app = apps.deploy(built().id());
        awaitAvailable(2);
        Build second = built();
        List<Integer> seen = new CopyOnWriteArrayList<>();
        try (Watch watch = cluster.apps().deployments().inNamespace(ns()).withName("web").watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Deployment d) {
                if (d.getStatus() != null && d.getStatus().getAvailableReplicas() != null) {
                    seen.add(d.getStatus().getAvailableReplicas());
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        })) {
            apps.deploy(second.id());
            within(SOON, () -> {
                assertThat(deployment().getSpec().getTemplate().getSpec().getContainers().getFirst().getImage())
                        .endsWith(second.imageDigest());
                assertThat(pods()).hasSize(2).allSatisfy(p -> assertThat(p.getSpec().getContainers().getFirst()
                        .getImage()).endsWith(second.imageDigest()));
            });
            awaitAvailable(2);
        }
        assertThat(seen).isNotEmpty().allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(2));
        assertThat(apps.releases(app.id())).hasSize(2);
    }

    @Test
    void a_killed_pod_is_replaced_and_a_lost_nodes_pods_move_within_the_toleration() {
        apps.deploy(built().id());
        awaitAvailable(2);
        Pod victim = pods().getFirst();
        cluster.pods().inNamespace(ns()).withName(victim.getMetadata().getName()).delete();
        within(SOON, () -> assertThat(pods()).hasSize(2).noneMatch(p -> p.getMetadata().getName()
                .equals(victim.getMetadata().getName())));
        awaitAvailable(2);

        String node = pods().stream().map(p -> p.getSpec().getNodeName()).filter(java.util.Objects::nonNull)
                .findFirst().orElseThrow();
        sandbox().failNode(node);
        try {
            within(SOON, () -> assertThat(pods()).hasSize(2).noneMatch(p -> node.equals(p.getSpec().getNodeName())));
            awaitAvailable(2);
        } finally {
            sandbox().recoverNode(node);
        }
    }

    @Test
    void a_release_whose_pods_keep_crashing_is_rolled_back_and_the_user_is_told() {
        App app = apps.deploy(built().id());
        awaitAvailable(2);
        within(SOON, () -> assertThat(apps.get(app.id()).goodReleaseId()).isNotNull());
        long good = apps.get(app.id()).goodReleaseId();
        Build bad = built();
        sandbox().crashImagesContaining(bad.imageDigest());
        apps.deploy(bad.id());
        within(SOON, () -> {
            App now = apps.get(app.id());
            assertThat(now.currentReleaseId()).isEqualTo(good);
            // the notice, in the user's language: release 2 rolled back because it crashed; release 1 runs again
            assertThat(now.notice().key()).isEqualTo("app.notice.rolled-back");
            assertThat(now.notice().args()).containsExactly(2L, bad.shortCommit(),
                    dev.nonstop.common.Message.of("app.rollback.why.crashing", 3L), 1L);
        });
        assertThat(apps.releases(app.id())).anySatisfy(r -> assertThat(r.status())
                .isEqualTo(Release.Status.ROLLED_BACK));
        within(SOON, () -> assertThat(deployment().getSpec().getTemplate().getSpec().getContainers().getFirst()
                .getImage()).doesNotContain(bad.imageDigest()));
        awaitAvailable(2);
    }

    @Test
    void a_rollout_that_makes_no_progress_is_rolled_back_after_its_deadline() {
        App app = apps.deploy(built().id());
        awaitAvailable(2);
        within(SOON, () -> assertThat(apps.get(app.id()).goodReleaseId()).isNotNull());
        long good = apps.get(app.id()).goodReleaseId();
        // cordon every server: the running replicas stay, the surge pod of the next release finds no room
        List<String> cordoned = cluster.nodes().list().getItems().stream().map(n -> n.getMetadata().getName())
                .toList();
        cordoned.forEach(n -> cordon(n, true));
        try {
            Build stuck = built();
            apps.deploy(stuck.id());
            within(Duration.ofSeconds(40), () -> {
                App now = apps.get(app.id());
                assertThat(now.currentReleaseId()).isEqualTo(good);
                assertThat(now.notice().key()).isEqualTo("app.notice.rolled-back");
                assertThat(((dev.nonstop.common.Message) now.notice().args().get(2)).key())
                        .isEqualTo("app.rollback.why.stalled");
            });
            within(SOON, () -> assertThat(deployment().getSpec().getTemplate().getSpec().getContainers().getFirst()
                    .getImage()).doesNotContain(stuck.imageDigest()));
        } finally {
            cordoned.forEach(n -> cordon(n, false));
        }
        awaitAvailable(2);
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_deploy_the_quota_cannot_hold_is_refused_with_numbers() {
        Build build = built();
        applier.apply(Workloads.restrictedApp(ns(), "hog", 79));
        try {
            within(SOON, () -> assertThat(tenants.usage(owner.tenantId()))
                    .anySatisfy(u -> assertThat(u.resource().equals("pods") && u.used().equals("79")).isTrue()));
            assertThatThrownBy(() -> apps.deploy(build.id())).isInstanceOfSatisfying(QuotaRefused.class, e -> {
                assertThat(e.result().shortfalls()).anySatisfy(s -> {
                    assertThat(s.resource()).isEqualTo("pods");
                    assertThat(s.format(s.needed())).isEqualTo("3");
                    assertThat(s.format(s.free())).isEqualTo("1");
                });
                // said in the user's terms: 2 replicas of size S, room for 3 (one extra during an update), 1 left
                assertThat(e.key()).isEqualTo("app.quota.refused");
                assertThat(e.args()[0]).isEqualTo(2);
                assertThat(e.args()[1]).isEqualTo("S");
                assertThat(e.args()[2]).isEqualTo(List.of(dev.nonstop.common.Message.of("app.quota.short.pods", 3, 1)));
                assertThat((List<Object>) e.args()[3]).contains(dev.nonstop.common.Message.of("app.quota.way.stop"));
            });
            assertThat(apps.apps()).isEmpty();
        } finally {
            // 79 pods hold a good part of the sandbox's servers: the tests after this one need them
            cluster.apps().deployments().inNamespace(ns()).withName("hog").delete();
        }
    }

    @Test
    void another_tenant_can_neither_see_nor_act_on_the_app_and_delete_leaves_nothing() {
        Build build = built();
        App app = apps.deploy(build.id());
        awaitAvailable(2);
        fixtures.signOut();
        SignUpResult other = fixtures.newTenant();
        fixtures.signInAs(other.email().value());
        assertThat(apps.apps()).isEmpty();
        // every entry point answers as for an app that does not exist: the same class, the same key
        notFound(() -> apps.get(Long.MAX_VALUE), "app.not-found");
        notFound(() -> apps.get(app.id()), "app.not-found");
        notFound(() -> apps.releases(app.id()), "app.not-found");
        notFound(() -> apps.scale(app.id(), 3), "app.not-found");
        notFound(() -> apps.setStopped(app.id(), true), "app.not-found");
        notFound(() -> apps.rollBackTo(app.id(), app.currentReleaseId()), "app.not-found");
        notFound(() -> apps.delete(app.id(), "web"), "app.not-found");
        notFound(() -> apps.deploy(build.id()), "build.not-found");
        notFound(() -> apps.status(app.id()), "app.not-found");
        notFound(() -> configs.config(app.id()), "app.not-found");
        notFound(() -> configs.configure(app.id(), new AppConfig(dev.nonstop.common.ReplicaSize.S, false, 0,
                java.util.Map.of(), java.util.Map.of(), List.of())), "app.not-found");
        notFound(() -> configs.restart(app.id()), "app.not-found");
        notFound(() -> failovers.drill(app.id(), false), "app.not-found");
        notFound(() -> failovers.drills(app.id()), "app.not-found");
        notFound(() -> insight.pods(app.id()), "app.not-found");
        notFound(() -> insight.events(app.id()), "app.not-found");
        String pod = pods().getFirst().getMetadata().getName();
        notFound(() -> insight.log(app.id(), pod), "app.not-found");
        notFound(() -> insight.follow(app.id(), pod, line -> { }), "app.not-found");
        assertThat(apps.statuses()).isEmpty();
        fixtures.signOut();

        fixtures.signInAs(owner.email().value());
        assertThatThrownBy(() -> apps.delete(app.id(), "wrong")).isInstanceOf(dev.nonstop.common.UserError.class);
        apps.delete(app.id(), "web");
        within(SOON, () -> {
            assertThat(deployment()).isNull();
            assertThat(cluster.services().inNamespace(ns()).withName("web").get()).isNull();
            assertThat(cluster.policy().v1().podDisruptionBudget().inNamespace(ns()).withName("web").get()).isNull();
            assertThat(cluster.network().v1().ingresses().inNamespace(ns()).withName("web").get()).isNull();
            assertThat(pods()).isEmpty();
        });
        assertThat(apps.apps()).isEmpty();
    }

    @Test
    void a_push_builds_and_rolls_out_by_itself_and_a_failed_build_never_does() throws Exception {
        App app = apps.deploy(built().id());
        awaitAvailable(2);
        long first = apps.get(app.id()).currentReleaseId();
        String commit = builds.recent(1).getFirst().commit();
        String body = "{\"ref\":\"refs/heads/main\",\"after\":\"" + commit + "\",\"repository\":"
                + "{\"default_branch\":\"main\"},\"pusher\":{\"name\":\"minji\"}}";
        String secret = builds.webhook(source.id()).secret();
        String key = builds.webhook(source.id()).path().substring("/api/hooks/github/".length());
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(webhooks.receive(key, "192.0.2.30", "push", java.util.UUID.randomUUID().toString(),
                dev.nonstop.build.WebhookService.sign(secret, bytes), bytes).status()).isEqualTo(202);
        within(SOON, () -> {
            App now = apps.get(app.id());
            assertThat(now.currentReleaseId()).isNotEqualTo(first);
            assertThat(apps.releases(app.id()).getFirst().createdBy()).isEqualTo("GitHub push by minji");
        });
        awaitAvailable(2);

        long second = apps.get(app.id()).currentReleaseId();
        sandbox().failBuilds("acme/docker-app", "build", "Error");
        try {
            assertThat(webhooks.receive(key, "192.0.2.30", "push", java.util.UUID.randomUUID().toString(),
                    dev.nonstop.build.WebhookService.sign(secret, bytes), bytes).status()).isEqualTo(202);
            within(SOON, () -> assertThat(builds.recent(1).getFirst().status()).isEqualTo(BuildStatus.FAILED));
            Thread.sleep(500);
            assertThat(apps.get(app.id()).currentReleaseId()).isEqualTo(second);
        } finally {
            sandbox().clearBuildFaults();
        }
    }
}

package dev.nonstop.app;

import static dev.nonstop.testsupport.Eventually.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static dev.nonstop.testsupport.Refusals.refused;
import static dev.nonstop.testsupport.Refusals.refusedWith;

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

/** Running apps through the services: failover drills, configuration and secrets, scaling, stop and start. */
class AppOperationsTest extends AppTestBase {

    @org.springframework.beans.factory.annotation.Autowired dev.nonstop.app.internal.AppReconciler reconciler;

    @Test
    void a_tenants_failover_drill_takes_one_replica_away_and_records_the_timeline_but_never_a_node() {
        App app = apps.deploy(built().id());
        awaitAvailable(2);
        within(SOON, () -> assertThat(apps.status(app.id()).state()).isEqualTo(AppStatus.State.RUNNING));
        // a node holds other tenants' replicas: taking one away is for platform admins
        assertThat(failovers.canFailNodes()).isFalse();
        refused(() -> failovers.drill(app.id(), true), dev.nonstop.common.AccessDenied.class, "error.access-denied");
        java.util.Map<String, String> nodesBefore = pods().stream().collect(Collectors.toMap(
                p -> p.getMetadata().getName(), p -> p.getSpec().getNodeName()));
        FailoverDrill started = failovers.drill(app.id(), false);
        assertThat(started.pod()).isIn(nodesBefore.keySet());
        assertThat(started.nodeFailed()).isFalse();
        refusedWith(() -> failovers.drill(app.id(), false), "app.drill.running");
        within(SOON, () -> assertThat(failovers.drills(app.id()).getFirst().finished()).isTrue());
        FailoverDrill done = failovers.drills(app.id()).getFirst();
        assertThat(done.droppedAt()).isNotNull();
        assertThat(done.recoveredAt()).isAfter(done.droppedAt());
        assertThat(done.minReady()).isEqualTo(1);
        assertThat(done.desired()).isEqualTo(2);
        assertThat(pods()).noneMatch(p -> p.getMetadata().getName().equals(done.pod()));
        // the replacement landed on a node the surviving replica does not use, and no node was touched
        String survivor = nodesBefore.entrySet().stream().filter(e -> !e.getKey().equals(done.pod())).findFirst()
                .orElseThrow().getValue();
        within(SOON, () -> assertThat(pods()).hasSize(2).extracting(p -> p.getSpec().getNodeName())
                .doesNotHaveDuplicates().contains(survivor));
        assertThat(cluster.nodes().list().getItems()).allSatisfy(n -> assertThat(n.getStatus().getConditions())
                .anySatisfy(c -> assertThat(c.getType() + c.getStatus()).isEqualTo("ReadyTrue")));
    }

    @Test
    void variables_and_secrets_roll_out_and_secret_values_are_never_shown_again() {
        App app = apps.deploy(built().id());
        awaitAvailable(2);
        within(SOON, () -> assertThat(apps.status(app.id()).state()).isEqualTo(AppStatus.State.RUNNING));
        Set<String> before = pods().stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
        java.util.Map<String, String> secretValues = new java.util.HashMap<>();
        secretValues.put("DB_PASSWORD", "s3cret-value");
        configs.configure(app.id(), new AppConfig(dev.nonstop.common.ReplicaSize.M, true, 4,
                java.util.Map.of("GREETING", "hello"), secretValues, List.of()));
        within(SOON, () -> {
            var secret = cluster.secrets().inNamespace(ns()).withName("web-env").get();
            assertThat(secret).isNotNull();
            assertThat(secret.getStringData()).containsEntry("DB_PASSWORD", "s3cret-value");
            var container = deployment().getSpec().getTemplate().getSpec().getContainers().getFirst();
            assertThat(container.getEnv()).anySatisfy(e -> assertThat(e.getName() + "=" + e.getValue())
                    .isEqualTo("GREETING=hello"));
            assertThat(container.getEnvFrom()).anySatisfy(e -> assertThat(e.getSecretRef().getName())
                    .isEqualTo("web-env"));
            assertThat(container.getResources().getRequests().get("cpu").toString()).isEqualTo("250m");
            assertThat(cluster.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns()).withName("web").get()
                    .getSpec().getMaxReplicas()).isEqualTo(4);
        });
        within(SOON, () -> assertThat(pods()).hasSize(2).noneMatch(p -> before.contains(p.getMetadata().getName())));
        awaitAvailable(2);
        AppConfig shown = configs.config(app.id());
        assertThat(shown.secretNames()).containsExactly("DB_PASSWORD");
        assertThat(shown.secrets()).isEmpty();
        assertThat(shown.env()).containsEntry("GREETING", "hello");
        fixtures.signOut();
        fixtures.signInAs(Fixtures.ADMIN);
        assertThat(audit.search(new dev.nonstop.audit.AuditFilter(null, owner.slug().value(), null, null, null)))
                .noneMatch(e -> e.detail().contains("s3cret-value"));
        fixtures.signOut();
        fixtures.signInAs(owner.email().value());

        // keep the secret (null), drop autoscaling: the HPA goes, the replica count is ours again
        java.util.Map<String, String> keep = new java.util.HashMap<>();
        keep.put("DB_PASSWORD", null);
        configs.configure(app.id(), new AppConfig(dev.nonstop.common.ReplicaSize.M, false, 0, java.util.Map.of(),
                keep, List.of()));
        within(SOON, () -> {
            assertThat(cluster.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns()).withName("web").get())
                    .isNull();
            assertThat(cluster.secrets().inNamespace(ns()).withName("web-env").get().getStringData())
                    .containsEntry("DB_PASSWORD", "s3cret-value");
        });
        assertThatThrownBy(() -> configs.configure(app.id(), new AppConfig(dev.nonstop.common.ReplicaSize.S, false,
                0, java.util.Map.of("lower-case", "x"), java.util.Map.of(), List.of())))
                .isInstanceOfSatisfying(dev.nonstop.common.UserError.class,
                        e -> assertThat(e.key()).isEqualTo("app.config.name"));
        // names the portal or the system sets, and oversize values, are refused with the reason; nothing changes
        int releasesBefore = apps.releases(app.id()).size();
        java.util.Map<String, String> reserved = java.util.Map.of("PATH", "app.config.name-reserved.path",
                "LD_PRELOAD", "app.config.name-prefix.ld", "KUBERNETES_SERVICE_HOST", "app.config.name-prefix.kubernetes",
                "PORT", "app.config.name-reserved.port", "HOSTNAME", "app.config.name-reserved.hostname",
                "nonstop_token", "app.config.name-prefix.nonstop");
        reserved.forEach((name, key) -> {
            refusedWith(() -> configs.configure(app.id(), new AppConfig(dev.nonstop.common.ReplicaSize.M, false, 0,
                    java.util.Map.of(name, "x"), java.util.Map.of(), List.of())), key);
            refusedWith(() -> configs.configure(app.id(), new AppConfig(dev.nonstop.common.ReplicaSize.M, false, 0,
                    java.util.Map.of(), java.util.Map.of(name, "x"), List.of())), key);
        });
        refusedWith(() -> configs.configure(app.id(), new AppConfig(dev.nonstop.common.ReplicaSize.M, false, 0,
                java.util.Map.of("BIG", "가".repeat(1500)), java.util.Map.of(), List.of())), "app.config.value");
        java.util.Map<String, String> many = new java.util.HashMap<>();
        for (int i = 0; i < 20; i++) {
            many.put("VAR_" + i, "x".repeat(4000));
        }
        refusedWith(() -> configs.configure(app.id(), new AppConfig(dev.nonstop.common.ReplicaSize.M, false, 0,
                many, java.util.Map.of(), List.of())), "app.config.total");
        assertThat(apps.releases(app.id())).hasSize(releasesBefore);
        assertThat(cluster.secrets().inNamespace(ns()).withName("web-env").get().getStringData())
                .containsOnlyKeys("DB_PASSWORD");

        Set<String> running = pods().stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
        configs.restart(app.id());
        within(SOON, () -> assertThat(pods()).hasSize(2).noneMatch(p -> running.contains(p.getMetadata().getName())));
        awaitAvailable(2);
    }

    @Test
    void every_configuration_is_a_release_and_a_rollback_brings_its_configuration_back() {
        App app = apps.deploy(built().id());
        awaitAvailable(2);
        configs.configure(app.id(), new AppConfig(dev.nonstop.common.ReplicaSize.S, false, 0,
                java.util.Map.of("MODE", "blue"), java.util.Map.of(), List.of()));
        long blue = apps.get(app.id()).currentReleaseId();
        configs.configure(app.id(), new AppConfig(dev.nonstop.common.ReplicaSize.S, false, 0,
                java.util.Map.of("MODE", "green"), java.util.Map.of(), List.of()));
        assertThat(apps.get(app.id()).currentReleaseId()).isNotEqualTo(blue);
        assertThat(apps.releases(app.id())).hasSize(3);
        within(SOON, () -> assertThat(deployment().getSpec().getTemplate().getSpec().getContainers().getFirst()
                .getEnv()).anySatisfy(e -> assertThat(e.getName() + "=" + e.getValue()).isEqualTo("MODE=green")));

        apps.rollBackTo(app.id(), blue);
        assertThat(configs.config(app.id()).env()).containsEntry("MODE", "blue");
        within(SOON, () -> assertThat(deployment().getSpec().getTemplate().getSpec().getContainers().getFirst()
                .getEnv()).anySatisfy(e -> assertThat(e.getName() + "=" + e.getValue()).isEqualTo("MODE=blue")));
        awaitAvailable(2);
    }

    @Test
    void scale_stop_and_start() {
        App app = apps.deploy(built().id());
        awaitAvailable(2);
        apps.scale(app.id(), 3);
        awaitAvailable(3);
        assertThatThrownBy(() -> apps.scale(app.id(), 1)).isInstanceOf(dev.nonstop.common.UserError.class);
        apps.setStopped(app.id(), true);
        within(SOON, () -> assertThat(pods()).isEmpty());
        apps.setStopped(app.id(), false);
        awaitAvailable(3);
        // a hand edit of the replica count is put back
        cluster.apps().deployments().inNamespace(ns()).withName("web").scale(5);
        within(SOON, () -> assertThat(deployment().getSpec().getReplicas()).isEqualTo(3));
    }

    @Test
    void a_confirmed_downgrade_lowers_the_apps_own_replicas_and_size_so_they_stay_down() throws Exception {
        App app = apps.deploy(built().id());
        configs.configure(app.id(), new AppConfig(dev.nonstop.common.ReplicaSize.M, false, 0, java.util.Map.of(),
                java.util.Map.of(), List.of()));
        apps.scale(app.id(), 5); // 5 x 250m CPU requests: more than FREE's 1,000m
        awaitAvailable(5);
        within(SOON, () -> assertThat(tenants.usage(owner.tenantId())).anySatisfy(u -> assertThat(
                u.resource().equals("requests.cpu") && u.used().equals("1250m")).isTrue()));
        fixtures.signInAs(Fixtures.ADMIN);
        assertThatThrownBy(() -> tenants.changeTier(owner.tenantId(), TierCode.FREE))
                .isInstanceOfSatisfying(dev.nonstop.tier.DowngradeRefused.class, e -> assertThat(e.overages())
                        .extracting(dev.nonstop.tier.QuotaOverage::resource)
                        .contains("requests.cpu", "replicas", "size"));

        tenants.changeTier(owner.tenantId(), TierCode.FREE, true);

        fixtures.signInAs(owner.email().value());
        int freeMost = 3;
        assertThat(apps.get(app.id()).replicas()).isEqualTo(freeMost);
        // M is above FREE's largest size: the LimitRange would refuse every replacement replica
        assertThat(apps.get(app.id()).size()).isEqualTo(dev.nonstop.common.ReplicaSize.S);
        awaitAvailable(freeMost);
        assertThat(deployment().getSpec().getTemplate().getSpec().getContainers().getFirst().getResources()
                .getLimits().get("cpu").toString()).isEqualTo("250m");
        // rolling back to the release that ran at size M brings its image and variables back, at size S
        long sizeM = apps.releases(app.id()).stream().filter(r -> r.size() == dev.nonstop.common.ReplicaSize.M)
                .findFirst().orElseThrow().id();
        apps.rollBackTo(app.id(), sizeM);
        assertThat(apps.get(app.id()).size()).isEqualTo(dev.nonstop.common.ReplicaSize.S);
        // the reconciler's own pass (at start and every ten minutes) keeps the lower count
        reconciler.enqueue(app.id());
        assertThat(reconciler.awaitIdle(SOON)).isTrue();
        assertThat(deployment().getSpec().getReplicas()).isEqualTo(freeMost);
        assertThatThrownBy(() -> apps.scale(app.id(), 4)).isInstanceOf(dev.nonstop.common.UserError.class);
    }

    @Test
    void a_wrongly_detected_port_and_health_path_can_be_corrected_and_stay_corrected() {
        App app = apps.deploy(built().id());
        awaitAvailable(2);
        AppConfig detected = configs.config(app.id());
        assertThat(detected.port()).isEqualTo(8080);

        configs.configure(app.id(), new AppConfig(detected.size(), false, 0, java.util.Map.of(), java.util.Map.of(),
                List.of(), 3000, "/healthz"));

        assertThat(configs.config(app.id())).extracting(AppConfig::port, AppConfig::healthPath)
                .containsExactly(3000, "/healthz");
        within(SOON, () -> {
            var container = deployment().getSpec().getTemplate().getSpec().getContainers().getFirst();
            assertThat(container.getPorts().getFirst().getContainerPort()).isEqualTo(3000);
            assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
        });
        // the next build keeps the correction
        App next = apps.deploy(built().id());
        assertThat(apps.releases(next.id()).getFirst()).extracting(Release::port, Release::healthPath)
                .containsExactly(3000, "/healthz");
        for (var bad : List.of(new Object[] {0, "/"}, new Object[] {70000, "/"}, new Object[] {null, "health"},
                new Object[] {null, "/a b"})) {
            assertThatThrownBy(() -> configs.configure(app.id(), new AppConfig(detected.size(), false, 0,
                    java.util.Map.of(), java.util.Map.of(), List.of(), (Integer) bad[0], (String) bad[1])))
                    .isInstanceOf(dev.nonstop.common.UserError.class);
        }
        assertThat(configs.config(app.id()).port()).isEqualTo(3000);
    }

    @Test
    void a_downgrade_names_apps_with_more_replicas_than_the_new_tier_allows_even_when_the_quota_holds() {
        App app = apps.deploy(built().id());
        apps.scale(app.id(), 4); // size S: 400m CPU, 4 pods, within FREE's quota, above FREE's 3 replicas
        awaitAvailable(4);
        fixtures.signInAs(Fixtures.ADMIN);

        assertThatThrownBy(() -> tenants.changeTier(owner.tenantId(), TierCode.FREE))
                .isInstanceOfSatisfying(dev.nonstop.tier.DowngradeRefused.class, e -> assertThat(e.overages())
                        .singleElement().satisfies(o -> {
                            assertThat(o.resource()).isEqualTo("replicas");
                            assertThat(o.used()).isEqualTo("web: 4");
                            assertThat(o.newHard()).isEqualTo("3");
                        }));
        tenants.changeTier(owner.tenantId(), TierCode.FREE, true);

        fixtures.signInAs(owner.email().value());
        assertThat(apps.get(app.id()).replicas()).isEqualTo(3);
        awaitAvailable(3);
    }
}

package dev.nonstop.app.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nonstop.common.AppName;
import dev.nonstop.common.ReplicaSize;
import dev.nonstop.common.TenantSlug;
import dev.nonstop.kube.KubeLabels;
import dev.nonstop.kube.PodSecurity;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The redundancy contract (DESIGN.md), point by point, on the objects the builders return. */
class AppManifestsTest {

    static final String IMAGE = "registry.example/apps/acme/shop@sha256:" + "a".repeat(64);
    static final AppSpec.Exposure EXPOSURE = new AppSpec.Exposure("apps.example.com", "nginx", "letsencrypt");

    static AppSpec app(int replicas, boolean zones, AppSpec.Autoscaling autoscaling) {
        return new AppSpec(new TenantSlug("acme"), new AppName("shop"), IMAGE, 8080, "/healthz", replicas,
                ReplicaSize.M, zones, autoscaling, Map.of("GREETING", "안녕"), true, "r7", EXPOSURE);
    }

    static final Deployment DEPLOYMENT = AppDeployment.of(app(3, true, null));
    static final PodSpec POD = DEPLOYMENT.getSpec().getTemplate().getSpec();
    static final Container CONTAINER = POD.getContainers().getFirst();

    @Test
    void at_least_two_replicas_and_only_images_by_digest() {
        assertThat(DEPLOYMENT.getSpec().getReplicas()).isEqualTo(3);
        assertThatThrownBy(() -> app(1, false, null)).hasMessageContaining("not redundancy");
        assertThatThrownBy(() -> new AppSpec(new TenantSlug("acme"), new AppName("shop"), "nginx:latest", 80, "/", 2,
                ReplicaSize.S, false, null, Map.of(), false, "r1", EXPOSURE)).hasMessageContaining("by digest");
        assertThat(CONTAINER.getImage()).isEqualTo(IMAGE);
    }

    @Test
    void rolling_updates_never_go_below_the_desired_count() {
        var strategy = DEPLOYMENT.getSpec().getStrategy();
        assertThat(strategy.getType()).isEqualTo("RollingUpdate");
        assertThat(strategy.getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();
        assertThat(strategy.getRollingUpdate().getMaxSurge().getIntVal()).isEqualTo(1);
        assertThat(DEPLOYMENT.getSpec().getMinReadySeconds()).isPositive();
        assertThat(DEPLOYMENT.getSpec().getRevisionHistoryLimit()).isPositive();
        assertThat(DEPLOYMENT.getSpec().getProgressDeadlineSeconds()).isEqualTo(300);
    }

    @Test
    void three_probes_on_the_named_port_and_a_pre_stop_sleep_inside_the_grace_period() {
        assertThat(CONTAINER.getStartupProbe().getHttpGet().getPath()).isEqualTo("/healthz");
        assertThat(CONTAINER.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
        assertThat(CONTAINER.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
        assertThat(CONTAINER.getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getName()).isEqualTo("http");
            assertThat(p.getContainerPort()).isEqualTo(8080);
        });
        long preStop = CONTAINER.getLifecycle().getPreStop().getSleep().getSeconds();
        assertThat(preStop).isPositive().isLessThan(POD.getTerminationGracePeriodSeconds());
        AppSpec tcp = new AppSpec(new TenantSlug("acme"), new AppName("worker"), IMAGE, 9000, null, 2, ReplicaSize.S,
                false, null, Map.of(), false, "r1", EXPOSURE);
        assertThat(AppDeployment.of(tcp).getSpec().getTemplate().getSpec().getContainers().getFirst()
                .getReadinessProbe().getTcpSocket()).isNotNull();
    }

    @Test
    void spread_over_nodes_always_and_over_zones_hard_only_where_the_tier_promises_zones() {
        assertThat(POD.getTopologySpreadConstraints()).extracting(TopologySpreadConstraint::getTopologyKey,
                TopologySpreadConstraint::getWhenUnsatisfiable).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("kubernetes.io/hostname", "DoNotSchedule"),
                        org.assertj.core.groups.Tuple.tuple("topology.kubernetes.io/zone", "DoNotSchedule"));
        assertThat(AppDeployment.of(app(2, false, null)).getSpec().getTemplate().getSpec()
                .getTopologySpreadConstraints().get(1).getWhenUnsatisfiable()).isEqualTo("ScheduleAnyway");
        assertThat(POD.getTopologySpreadConstraints()).allSatisfy(c -> assertThat(c.getLabelSelector()
                .getMatchLabels()).containsEntry(KubeLabels.INSTANCE, "shop"));
        // a lost server or zone (tainted unreachable) is no domain to balance against: replacements fit
        assertThat(POD.getTopologySpreadConstraints()).extracting(TopologySpreadConstraint::getNodeTaintsPolicy)
                .containsOnly("Honor");
        // each rollout's new replicas spread among themselves (a rolling restart re-spreads after an outage)
        assertThat(POD.getTopologySpreadConstraints()).allSatisfy(c -> assertThat(c.getMatchLabelKeys())
                .containsExactly("pod-template-hash"));
    }

    @Test
    void a_lost_nodes_pods_move_after_thirty_seconds() {
        assertThat(POD.getTolerations()).extracting(t -> t.getKey() + "/" + t.getEffect() + "/" + t.getTolerationSeconds())
                .containsExactlyInAnyOrder("node.kubernetes.io/not-ready/NoExecute/30",
                        "node.kubernetes.io/unreachable/NoExecute/30");
    }

    @Test
    void the_restricted_profile_no_token_and_resources_from_the_size() {
        assertThat(PodSecurity.restrictedViolations(POD)).isEmpty();
        assertThat(POD.getAutomountServiceAccountToken()).isFalse();
        assertThat(POD.getServiceAccountName()).isEqualTo("nonstop-app");
        assertThat(CONTAINER.getResources().getRequests()).containsEntry("cpu", new Quantity("250m"))
                .containsEntry("memory", new Quantity("256Mi"));
        assertThat(CONTAINER.getResources().getLimits()).containsEntry("cpu", new Quantity("500m"))
                .containsEntry("memory", new Quantity("512Mi"));
        assertThat(CONTAINER.getEnvFrom()).singleElement().satisfies(e -> assertThat(e.getSecretRef().getName())
                .isEqualTo("shop-env"));
        assertThat(CONTAINER.getEnv()).extracting(e -> e.getName() + "=" + e.getValue())
                .containsExactly("PORT=8080", "GREETING=안녕");
        assertThat(DEPLOYMENT.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("nonstop.dev/release", "r7");
    }

    @Test
    void with_autoscaling_the_hpa_owns_replicas_within_the_tier() {
        AppSpec scaled = app(2, true, new AppSpec.Autoscaling(2, 6, 70));
        assertThat(AppDeployment.of(scaled).getSpec().getReplicas()).isNull();
        HorizontalPodAutoscaler hpa = AppAutoscaler.of(scaled).orElseThrow();
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(6);
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("shop");
        assertThat(hpa.getSpec().getMetrics().getFirst().getResource().getTarget().getAverageUtilization())
                .isEqualTo(70);
        assertThat(AppAutoscaler.of(app(2, true, null))).isEmpty();
        assertThatThrownBy(() -> new AppSpec.Autoscaling(1, 3, 70)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void service_pdb_and_ingress_with_tls() {
        AppSpec app = app(2, false, null);
        var service = AppService.of(app);
        assertThat(service.getSpec().getSelector()).containsEntry(KubeLabels.INSTANCE, "shop");
        assertThat(service.getSpec().getPorts().getFirst().getTargetPort().getStrVal()).isEqualTo("http");
        var pdb = AppDisruptionBudget.of(app);
        assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        assertThat(pdb.getSpec().getSelector().getMatchLabels()).containsEntry(KubeLabels.INSTANCE, "shop");
        Ingress ingress = AppIngress.of(app);
        assertThat(ingress.getSpec().getRules().getFirst().getHost()).isEqualTo("shop-acme.apps.example.com");
        assertThat(ingress.getSpec().getTls().getFirst().getHosts()).containsExactly("shop-acme.apps.example.com");
        assertThat(ingress.getMetadata().getAnnotations()).containsEntry("cert-manager.io/cluster-issuer",
                "letsencrypt");
        assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
        assertThat(AppSecret.of(app, Map.of("DB_PASSWORD", "s3cret")).getStringData())
                .containsEntry("DB_PASSWORD", "s3cret");
        assertThat(java.util.List.of(service, pdb, ingress, DEPLOYMENT)).allSatisfy(o -> {
            assertThat(o.getMetadata().getNamespace()).isEqualTo("t-acme");
            assertThat(o.getMetadata().getLabels()).containsEntry(KubeLabels.TENANT, "acme")
                    .containsEntry(KubeLabels.MANAGED_BY, "nonstop");
        });
    }

    @Test
    void long_names_still_give_a_valid_distinct_host() {
        String app = "a".repeat(40);
        String host = AppHost.of(app, "b".repeat(40), "apps.example.com");
        String label = host.substring(0, host.indexOf('.'));
        assertThat(label).hasSizeLessThanOrEqualTo(63).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
        assertThat(AppHost.of(app, "b".repeat(39) + "c", "apps.example.com")).isNotEqualTo(host);
    }
}

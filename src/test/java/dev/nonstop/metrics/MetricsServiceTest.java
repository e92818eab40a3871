package dev.nonstop.metrics;

import static dev.nonstop.testsupport.Eventually.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nonstop.app.App;
import dev.nonstop.app.AppService;
import dev.nonstop.build.Build;
import dev.nonstop.build.BuildService;
import dev.nonstop.build.BuildStatus;
import dev.nonstop.common.NotFound;
import dev.nonstop.metrics.internal.BuiltInMetrics;
import dev.nonstop.metrics.internal.MetricsSource;
import dev.nonstop.sandbox.SandboxCluster;
import dev.nonstop.security.SignUpResult;
import dev.nonstop.testsupport.Fixtures;
import dev.nonstop.testsupport.GitFixtures;
import dev.nonstop.testsupport.IntegrationTest;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Charts without Prometheus (the default run): CPU and memory per replica and ready/desired replicas from
 * the built-in hour, a clear "needs Prometheus" for the rest, and nothing of another tenant's apps.
 */
@IntegrationTest
class MetricsServiceTest {

    @Autowired Fixtures fixtures;
    @Autowired MetricsService metrics;
    @Autowired MetricsSource source;
    @Autowired AppService apps;
    @Autowired BuildService builds;
    @Autowired SandboxCluster sandbox;
    @Autowired KubernetesClient cluster;
    SignUpResult owner;

    @BeforeEach
    void signIn() {
        sandbox.running().orElseThrow().clock().setSpeed(40);
        owner = fixtures.newTenant();
        fixtures.signInAs(owner.email().value());
    }

    @AfterEach
    void signOut() {
        sandbox.running().orElseThrow().clock().setSpeed(1);
        fixtures.signOut();
    }

    private App running() {
        var git = GitFixtures.shared();
        var source = builds.createSource("web", git.url("acme", "docker-app"), null,
                builds.inspect(git.url("acme", "docker-app"), null).detection());
        Build build = builds.start(source.id());
        within(dev.nonstop.testsupport.Eventually.A_BUILD, () -> assertThat(builds.get(build.id()).status())
                .isEqualTo(BuildStatus.SUCCEEDED));
        App app = apps.deploy(build.id());
        within(Duration.ofSeconds(30), () -> assertThat(apps.status(app.id()).ready()).isEqualTo(2));
        return app;
    }

    @Test
    void without_prometheus_cpu_memory_and_replicas_come_from_the_built_in_hour() {
        App app = running();
        BuiltInMetrics builtIn = (BuiltInMetrics) source;
        builtIn.sample();
        builtIn.sample();

        Chart cpu = metrics.chart(app.id(), Metric.CPU, TimeRange.MINUTES_15);
        assertThat(cpu.unavailable()).isNull();
        var pods = cluster.pods().inNamespace(owner.slug().namespace()).withLabel("app.kubernetes.io/instance", "web")
                .list().getItems().stream().map(p -> p.getMetadata().getName()).toList();
        assertThat(cpu.series()).extracting(Series::label).containsExactlyInAnyOrderElementsOf(pods);
        // the sandbox's pods use about 0.3 of their CPU request (the default load), never nothing
        assertThat(cpu.series()).allSatisfy(s -> {
            assertThat(s.points()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(s.last()).isPositive();
        });
        Chart memory = metrics.chart(app.id(), Metric.MEMORY, TimeRange.HOUR_1);
        assertThat(memory.series()).hasSize(2).allSatisfy(s -> assertThat(s.last()).isPositive());

        Chart replicas = metrics.chart(app.id(), Metric.REPLICAS, TimeRange.MINUTES_15);
        assertThat(replicas.series()).extracting(Series::label, Series::last)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ready", 2.0),
                        org.assertj.core.groups.Tuple.tuple("desired", 2.0));
        // the hour held for an app with two replicas stays small (goal: under 50 KB)
        assertThat(builtIn.bytesFor(owner.slug().namespace(), "web")).isLessThan(50 * 1024);

        // the detail page's CPU and memory carry each replica's request and limit as lines
        Chart cpuWithin = metrics.chartWithinSize(app.id(), Metric.CPU, TimeRange.MINUTES_15);
        assertThat(cpuWithin.series()).filteredOn(s -> s.label().equals(Series.REQUEST)).singleElement()
                .satisfies(s -> assertThat(s.last()).isEqualTo(app.size().cpuRequestMilli()));
        assertThat(metrics.chartWithinSize(app.id(), Metric.MEMORY, TimeRange.MINUTES_15).series())
                .filteredOn(s -> s.label().equals(Series.LIMIT)).singleElement()
                .satisfies(s -> assertThat(s.last()).isEqualTo(app.size().memoryLimitMib()));
        // the tenant's quota in use: a percent of each of its plan's limits, as the cluster counts it
        within(Duration.ofSeconds(30), () -> {
            var quota = cluster.resourceQuotas().inNamespace(owner.slug().namespace()).list().getItems().getFirst();
            assertThat(quota.getStatus().getUsed().get("pods").getNumericalAmount().intValue()).isEqualTo(2);
            builtIn.sample();
            double expected = 100.0 * 2 / quota.getStatus().getHard().get("pods").getNumericalAmount().doubleValue();
            Chart quotaChart = metrics.quota(TimeRange.MINUTES_15);
            assertThat(quotaChart.series()).extracting(Series::label).containsExactly("pods", "requests.cpu", "requests.memory");
            assertThat(quotaChart.series().stream().filter(s -> s.label().equals("pods")).findFirst().orElseThrow().last()).isCloseTo(expected, org.assertj.core.data.Offset.offset(0.01));
        });
        assertThat(metrics.quota(TimeRange.HOURS_6).unavailable().key()).isEqualTo("metrics.needs-prometheus.range");

        // scaling the app is a marker on the time axis (found where the desired replicas change)
        apps.scale(app.id(), 3);
        within(Duration.ofSeconds(30), () -> {
            builtIn.sample();
            assertThat(metrics.markers(app.id(), TimeRange.MINUTES_15)).extracting(m -> m.label().key())
                    .contains("metric.marker.scaled");
        });

        // what needs Prometheus says so instead of an empty chart
        assertThat(metrics.chart(app.id(), Metric.REQUESTS, TimeRange.MINUTES_15).unavailable().key())
                .isEqualTo("metrics.needs-prometheus.metric");
        assertThat(metrics.chart(app.id(), Metric.CPU, TimeRange.HOURS_6).unavailable().key())
                .isEqualTo("metrics.needs-prometheus.range");
        assertThat(metrics.usesPrometheus()).isFalse();

        // the deploy and the change to three replicas show as markers on the time axis, in order
        assertThat(metrics.markers(app.id(), TimeRange.MINUTES_15)).extracting(m -> m.label().key(),
                m -> m.label().args()).containsExactly(org.assertj.core.groups.Tuple.tuple("metric.marker.release",
                        java.util.List.of(1)), org.assertj.core.groups.Tuple.tuple("metric.marker.scaled",
                        java.util.List.of(3)));
    }

    @Test
    void another_tenant_gets_none_of_these_series() {
        App app = running();
        ((BuiltInMetrics) source).sample();
        assertThat(metrics.charts(Metric.CPU, TimeRange.MINUTES_15)).extracting(Chart::app).containsExactly("web");

        fixtures.signOut();
        SignUpResult other = fixtures.newTenant();
        fixtures.signInAs(other.email().value());
        for (Metric metric : Metric.values()) {
            assertThatThrownBy(() -> metrics.chart(app.id(), metric, TimeRange.MINUTES_15))
                    .isInstanceOf(NotFound.class);
            assertThatThrownBy(() -> metrics.chartWithinSize(app.id(), metric, TimeRange.MINUTES_15))
                    .isInstanceOf(NotFound.class);
            assertThat(metrics.charts(metric, TimeRange.MINUTES_15)).isEmpty();
        }
        assertThatThrownBy(() -> metrics.markers(app.id(), TimeRange.HOUR_1)).isInstanceOf(NotFound.class);
        // its quota chart is its own: none of the first tenant's two replicas
        ((BuiltInMetrics) source).sample();
        assertThat(metrics.quota(TimeRange.MINUTES_15).series()).allSatisfy(s -> assertThat(s.last()).isZero());
        fixtures.signOut();
        fixtures.signInAs(owner.email().value());
    }
}

package dev.nonstop.metrics;

import static dev.nonstop.testsupport.Eventually.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nonstop.app.App;
import dev.nonstop.app.AppService;
import dev.nonstop.audit.AuditFilter;
import dev.nonstop.audit.AuditLog;
import dev.nonstop.build.Build;
import dev.nonstop.build.BuildService;
import dev.nonstop.build.BuildStatus;
import dev.nonstop.common.NotFound;
import dev.nonstop.common.UserError;
import dev.nonstop.metrics.internal.StateAlerts;
import dev.nonstop.sandbox.SandboxCluster;
import dev.nonstop.security.SignUpResult;
import dev.nonstop.testsupport.Fixtures;
import dev.nonstop.testsupport.GitFixtures;
import dev.nonstop.testsupport.IntegrationTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * State alerts without Prometheus: a crash-looping app opens a crash-loop alert at once and a
 * "not redundant" one after a minute, each once however often the state is evaluated; they show only
 * to the app's tenant, can be acknowledged and muted there, and resolve when the app is fixed.
 */
@IntegrationTest
class AlertServiceTest {

    @Autowired Fixtures fixtures;
    @Autowired AlertService alerts;
    @Autowired MetricsService metrics;
    @Autowired StateAlerts stateAlerts;
    @Autowired AppService apps;
    @Autowired BuildService builds;
    @Autowired SandboxCluster sandbox;
    @Autowired AuditLog audit;
    @Autowired Clock clock;
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
        sandbox.running().orElseThrow().clearCrashingImages();
        fixtures.signOut();
    }

    private Build built() {
        var git = GitFixtures.shared();
        var source = builds.createSource("web", git.url("acme", "docker-app"), null,
                builds.inspect(git.url("acme", "docker-app"), null).detection());
        Build build = builds.start(source.id());
        within(dev.nonstop.testsupport.Eventually.A_BUILD, () -> assertThat(builds.get(build.id()).status())
                .isEqualTo(BuildStatus.SUCCEEDED));
        return builds.get(build.id());
    }

    private List<String> firingKinds() {
        return alerts.firing().stream().filter(a -> a.source() == Alert.Source.STATE).map(Alert::kind).toList();
    }

    @Test
    void a_crashing_app_raises_alerts_its_tenant_alone_sees_acknowledges_and_mutes_and_they_resolve_when_fixed() {
        Build build = built();
        sandbox.running().orElseThrow().crashImagesContaining(build.imageDigest());
        App app = apps.deploy(build.id());

        // crash looping: at the first evaluation that sees it; not redundant: only once it lasts a minute
        within(Duration.ofSeconds(30), () -> {
            stateAlerts.evaluate(clock.instant());
            assertThat(firingKinds()).contains("CRASH_LOOP");
        });
        assertThat(firingKinds()).doesNotContain("NOT_REDUNDANT");
        // the crashes are restarts on the charts' time axis too
        within(Duration.ofSeconds(30), () -> assertThat(metrics.markers(app.id(), TimeRange.MINUTES_15))
                .extracting(m -> m.label().key()).contains("metric.marker.restart"));
        Instant later = clock.instant().plus(Duration.ofSeconds(61));
        stateAlerts.evaluate(later);
        stateAlerts.evaluate(later.plusSeconds(15));
        // each once, however many evaluations saw it
        assertThat(firingKinds()).contains("CRASH_LOOP", "NOT_REDUNDANT").doesNotHaveDuplicates();
        Alert crash = alerts.firing(app.id()).stream().filter(a -> a.kind().equals("CRASH_LOOP")).findFirst()
                .orElseThrow();
        assertThat(crash.app()).isEqualTo("web");
        assertThat(crash.severity()).isEqualTo(Alert.Severity.CRITICAL);
        assertThat(crash.text().key()).isEqualTo("alert.state.CRASH_LOOP");
        assertThat(crash.text().args()).hasSize(2).first().isEqualTo("web");
        assertThat((String) crash.text().args().get(1)).startsWith("web-");
        Alert notRedundant = alerts.firing(app.id()).stream().filter(a -> a.kind().equals("NOT_REDUNDANT"))
                .findFirst().orElseThrow();
        assertThat(notRedundant.text().args()).containsExactly("web", "0", "2");
        assertThat(alerts.history()).extracting(Alert::kind).doesNotHaveDuplicates();

        // another tenant sees none of it and can touch none of it
        SignUpResult other = fixtures.newTenant();
        fixtures.signInAs(other.email().value());
        assertThat(alerts.firing()).isEmpty();
        assertThat(alerts.history()).isEmpty();
        assertThatThrownBy(() -> alerts.acknowledge(crash.id())).isInstanceOf(NotFound.class)
                .extracting(e -> ((UserError) e).key()).isEqualTo("alert.not-found");
        assertThatThrownBy(() -> alerts.firing(app.id())).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> alerts.mute(app.id(), Duration.ofHours(1))).isInstanceOf(NotFound.class);
        fixtures.signInAs(owner.email().value());
        assertThat(alerts.firing(app.id())).hasSizeGreaterThanOrEqualTo(2);

        // acknowledged: still open, now with who saw it, and audited
        Alert acknowledged = alerts.acknowledge(crash.id());
        assertThat(acknowledged.firing()).isTrue();
        assertThat(acknowledged.acknowledgedBy()).isEqualTo(owner.email().value());
        assertThat(alerts.firing()).filteredOn(a -> a.id() == crash.id()).singleElement()
                .extracting(Alert::acknowledgedBy).isEqualTo(owner.email().value());
        fixtures.signInAs(Fixtures.ADMIN);
        assertThat(audit.search(new AuditFilter(null, owner.slug().value(), "alert.acknowledged", null, null)))
                .hasSize(1);
        fixtures.signInAs(owner.email().value());

        // muted: the app's card shows nothing until unmuted; the tenant's list still has them
        assertThatThrownBy(() -> alerts.mute(app.id(), Duration.ofDays(8))).isInstanceOf(UserError.class)
                .extracting(e -> ((UserError) e).key()).isEqualTo("alert.mute.duration");
        alerts.mute(app.id(), Duration.ofHours(1));
        assertThat(alerts.mutedUntil(app.id())).isPresent();
        assertThat(alerts.firing(app.id())).isEmpty();
        assertThat(alerts.firing()).hasSizeGreaterThanOrEqualTo(2);
        alerts.unmute(app.id());
        assertThat(alerts.firing(app.id())).hasSizeGreaterThanOrEqualTo(2);

        // fixed: both resolve, and the history keeps them with their end
        sandbox.running().orElseThrow().clearCrashingImages();
        within(Duration.ofSeconds(60), () -> {
            stateAlerts.evaluate(clock.instant());
            assertThat(firingKinds()).isEmpty();
        });
        assertThat(alerts.history()).filteredOn(a -> a.source() == Alert.Source.STATE).extracting(Alert::kind)
                .contains("CRASH_LOOP", "NOT_REDUNDANT");
        assertThat(alerts.history()).allSatisfy(a -> assertThat(a.resolvedAt()).isNotNull());
    }
}

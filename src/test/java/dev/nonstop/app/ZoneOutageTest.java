package dev.nonstop.app;

import static dev.nonstop.testsupport.Eventually.within;
import static dev.nonstop.testsupport.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nonstop.build.Build;
import dev.nonstop.build.BuildSource;
import dev.nonstop.build.BuildStatus;
import dev.nonstop.common.AccessDenied;
import dev.nonstop.security.SignUpResult;
import dev.nonstop.testsupport.Fixtures;
import dev.nonstop.testsupport.GitFixtures;

import java.time.Duration;

import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A whole zone lost, as Kakao's data centre was: an admin's zone-loss drill takes every node of a zone
 * away. A Paid app (zones promised) and a Free app both come back to full strength in the surviving
 * zone; the Paid app's card says it serves from one zone; once the zone is back, the Paid app spreads
 * over both zones again. The drill keeps each app's timeline.
 */
class ZoneOutageTest extends AppTestBase {

    static final Duration LONG = Duration.ofSeconds(60);

    @Autowired ZoneDrillService zoneDrills;

    private Set<String> zonesOf(String namespace, String app) {
        var nodes = cluster.nodes().list().getItems().stream().collect(Collectors.toMap(n -> n.getMetadata().getName(),
                n -> n.getMetadata().getLabels().get("topology.kubernetes.io/zone")));
        return cluster.pods().inNamespace(namespace).withLabel("app.kubernetes.io/instance", app).list().getItems()
                .stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .filter(AppHealth::isReady).map(p -> nodes.get(p.getSpec().getNodeName())).collect(Collectors.toSet());
    }

    /** Taints (NoSchedule) or untaints every node of a zone, as an operator keeping new pods out would. */
    private void keepPodsOut(String zone, boolean out) {
        for (var node : cluster.nodes().withLabel("topology.kubernetes.io/zone", zone).list().getItems()) {
            cluster.nodes().withName(node.getMetadata().getName()).edit(n -> {
                var taints = new java.util.ArrayList<>(n.getSpec().getTaints() == null ? java.util.List.of()
                        : n.getSpec().getTaints());
                taints.removeIf(t -> "test.nonstop.dev/closed".equals(t.getKey()));
                if (out) {
                    taints.add(new io.fabric8.kubernetes.api.model.TaintBuilder().withKey("test.nonstop.dev/closed")
                            .withEffect("NoSchedule").build());
                }
                n.getSpec().setTaints(taints);
                return n;
            });
        }
    }

    @Test
    void paid_and_free_apps_come_back_in_the_surviving_zone_and_paid_spreads_again_when_the_zone_returns() {
        // the Paid tenant's app (from the base) starts in one zone, the other being closed to new pods;
        // when that zone opens, the app is spread over both (a rolling restart) — so a zone that comes back
        // later, within the restart cool-down, must still be able to spread it again
        keepPodsOut("sandbox-zone-b", true);
        App paid;
        try {
            paid = apps.deploy(built().id());
            awaitAvailable(2);
            assertThat(zonesOf(ns(), "web")).containsExactly("sandbox-zone-a");
        } finally {
            keepPodsOut("sandbox-zone-b", false);
        }
        within(LONG, () -> assertThat(zonesOf(ns(), "web")).hasSize(2));
        awaitAvailable(2);
        fixtures.signOut();
        SignUpResult free = fixtures.newTenant();
        fixtures.signInAs(free.email().value());
        var git = GitFixtures.shared();
        BuildSource freeSource = builds.createSource("free-web", git.url("acme", "docker-app"), null,
                builds.inspect(git.url("acme", "docker-app"), null).detection());
        Build freeBuild = builds.start(freeSource.id());
        within(dev.nonstop.testsupport.Eventually.A_BUILD, () -> assertThat(builds.get(freeBuild.id()).status()).isEqualTo(BuildStatus.SUCCEEDED));
        App freeApp = apps.deploy(freeBuild.id());
        within(SOON, () -> assertThat(apps.status(freeApp.id()).ready()).isEqualTo(2));
        assertThat(zonesOf(ns(), "web")).hasSize(2);

        // only platform admins take zones away
        refused(() -> zoneDrills.start("sandbox-zone-a"), AccessDenied.class, "error.access-denied");
        fixtures.signOut();
        fixtures.signInAs(Fixtures.ADMIN);
        String lost = zonesOf(ns(), "web").stream().sorted().findFirst().orElseThrow();
        ZoneDrill drill = zoneDrills.start(lost);
        try {
            assertThat(drill.apps()).extracting(ZoneDrill.App::name).contains("web");
            fixtures.signOut();
            fixtures.signInAs(owner.email().value());
            within(LONG, () -> {
                AppStatus card = apps.status(paid.id());
                assertThat(card.ready()).isEqualTo(2);
                assertThat(zonesOf(ns(), "web")).doesNotContain(lost).hasSize(1);
                // the card says it serves from one zone now, and why
                assertThat(card.resilience().missing()).extracting(AppStatus.Missing::key)
                        .contains("app.resilience.serving-one-zone");
            });
            fixtures.signOut();
            fixtures.signInAs(free.email().value());
            within(LONG, () -> assertThat(apps.status(freeApp.id()).ready()).isEqualTo(2));
            assertThat(zonesOf(free.slug().namespace(), "free-web")).doesNotContain(lost);
        } finally {
            fixtures.signOut();
            fixtures.signInAs(Fixtures.ADMIN);
            zoneDrills.restore(drill.id());
        }
        // the zone is back: the Paid app spreads over both zones again, without downtime
        within(LONG, () -> assertThat(zonesOf(ns(), "web")).hasSize(2));
        within(LONG, () -> {
            ZoneDrill done = zoneDrills.get(drill.id());
            assertThat(done.restoredAt()).isNotNull();
            // this tenant's "web": other tenants of the shared sandbox may have apps of that name
            FailoverDrill paidRow = done.apps().stream().filter(a -> a.name().equals("web")
                    && a.tenant().equals(owner.slug().value())).findFirst().orElseThrow().timeline();
            assertThat(paidRow.zoneLost()).isTrue();
            assertThat(paidRow.droppedAt()).isNotNull();
            assertThat(paidRow.recoveredAt()).isAfterOrEqualTo(paidRow.droppedAt());
            assertThat(paidRow.respreadAt()).isAfterOrEqualTo(done.restoredAt());
            assertThat(paidRow.minReady()).isGreaterThanOrEqualTo(1);
            assertThat(paidRow.finished()).isTrue();
        });
        fixtures.signOut();
        fixtures.signInAs(owner.email().value());
        assertThat(failovers.drills(paid.id())).anyMatch(FailoverDrill::zoneLost);
        assertThat(apps.status(paid.id()).resilience().green()).isTrue();
    }

}

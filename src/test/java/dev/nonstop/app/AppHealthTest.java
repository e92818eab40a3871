package dev.nonstop.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nonstop.common.Message;
import dev.nonstop.common.ReplicaSize;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The card's reading of the cluster: states, what an outage took, and what the badge may say. */
class AppHealthTest {

    static final Map<String, AppHealth.NodeView> ALL_UP = Map.of(
            "n1", new AppHealth.NodeView("zone-a", true), "n2", new AppHealth.NodeView("zone-b", true),
            "n3", new AppHealth.NodeView("zone-a", true), "n4", new AppHealth.NodeView("zone-b", true));

    static App app(boolean stopped) {
        return new App(1, 1, 1, "web", 2, ReplicaSize.S, false, stopped, 10L, 10L, null);
    }

    static Release release(Release.Status status) {
        return new Release(10, 1, 5L, "img", "abcdef0123", 8080, "/", 2, ReplicaSize.S, status, "me",
                Instant.parse("2026-12-01T10:00:00Z"), 1);
    }

    static Pod pod(String name, String node, boolean ready) {
        return new PodBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec().withNodeName(node)
                .endSpec().withNewStatus().addNewCondition().withType("Ready").withStatus(ready ? "True" : "False")
                .endCondition().endStatus().build();
    }

    static Deployment deployment(int updated) {
        return new DeploymentBuilder().withNewSpec().withNewTemplate().withNewSpec().addNewContainer()
                .withNewReadinessProbe().endReadinessProbe().withNewLivenessProbe().endLivenessProbe().endContainer()
                .endSpec().endTemplate().endSpec().withNewStatus().withUpdatedReplicas(updated).endStatus().build();
    }

    static AppStatus of(App app, Release release, List<Pod> pods, Map<String, AppHealth.NodeView> nodes) {
        return AppHealth.of(app, release, "https://web", deployment(2), pods, nodes, true, true);
    }

    @Test
    void a_healthy_app_over_two_zones_is_green_and_says_nothing_was_lost() {
        AppStatus s = of(app(false), release(Release.Status.GOOD), List.of(pod("web-1", "n1", true),
                pod("web-2", "n2", true)), ALL_UP);
        assertThat(s.state()).isEqualTo(AppStatus.State.RUNNING);
        assertThat(s.resilience().green()).isTrue();
        assertThat(s.outage()).isNull();
    }

    @Test
    void a_lost_server_is_named_and_the_badge_says_recovering_not_not_yet_redundant() {
        var nodes = new java.util.HashMap<>(ALL_UP);
        nodes.put("n2", new AppHealth.NodeView("zone-b", false));
        AppStatus s = of(app(false), release(Release.Status.GOOD), List.of(pod("web-1", "n1", true),
                pod("web-2", "n2", false)), nodes);
        assertThat(s.state()).isEqualTo(AppStatus.State.DEGRADED);
        assertThat(s.outage()).isEqualTo(Message.of("app.outage.server", "n2", "zone-b", 1, 2));
        assertThat(s.resilience().recovering()).isTrue();
    }

    @Test
    void a_lost_zone_is_named_and_a_promised_zone_spread_says_it_serves_from_one_zone() {
        var nodes = new java.util.HashMap<>(ALL_UP);
        nodes.put("n1", new AppHealth.NodeView("zone-a", false));
        nodes.put("n3", new AppHealth.NodeView("zone-a", false));
        AppStatus replacing = of(app(false), release(Release.Status.GOOD), List.of(pod("web-1", "n1", false),
                pod("web-2", "n2", true)), nodes);
        assertThat(replacing.outage()).isEqualTo(Message.of("app.outage.zone", "zone-a", 1, 2));
        AppStatus refilled = of(app(false), release(Release.Status.GOOD), List.of(pod("web-3", "n4", true),
                pod("web-2", "n2", true)), nodes);
        assertThat(refilled.outage()).isNull();
        assertThat(refilled.resilience().missing()).extracting(AppStatus.Missing::key)
                .containsExactly("app.resilience.serving-one-zone");
    }

    @Test
    void starting_a_stopped_app_shows_deploying_never_failed() {
        AppStatus starting = of(app(false), release(Release.Status.GOOD), List.of(pod("web-1", "n1", false)),
                ALL_UP);
        assertThat(starting.state()).isEqualTo(AppStatus.State.DEPLOYING);
        assertThat(of(app(false), release(Release.Status.GOOD), List.of(), ALL_UP).state())
                .isEqualTo(AppStatus.State.DEPLOYING);
        assertThat(of(app(false), release(Release.Status.ROLLED_BACK), List.of(), ALL_UP).state())
                .isEqualTo(AppStatus.State.FAILED);
    }

    @Test
    void an_update_never_shows_more_ready_than_wanted() {
        AppStatus s = of(app(false), release(Release.Status.ROLLING_OUT), List.of(pod("web-1", "n1", true),
                pod("web-2", "n2", true), pod("web-3", "n3", true)), ALL_UP);
        assertThat(s.ready()).isEqualTo(2);
        assertThat(s.desired()).isEqualTo(2);
    }

    @Test
    void events_read_as_sentences_with_server_and_zone() {
        assertThat(EventSentences.of("Scheduled", "Pod", "web-7d9f-x2k4p",
                "Successfully assigned t-acme/web-7d9f-x2k4p to n1", Map.of("n1", "zone-a")))
                .isEqualTo(Message.of("app.event.scheduled", "x2k4p", "n1", "zone-a"));
        assertThat(EventSentences.of("ScalingReplicaSet", "Deployment", "web",
                "Scaled up replica set web-7d9f from 0 to 2", Map.of()))
                .isEqualTo(Message.of("app.event.scaled-up", 2));
        assertThat(EventSentences.of("Mystery", "Pod", "web-1", "what", Map.of()))
                .isEqualTo(Message.of("app.event.other", "Mystery", "what"));
    }
}

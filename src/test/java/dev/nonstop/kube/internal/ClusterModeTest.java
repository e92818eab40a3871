package dev.nonstop.kube.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nonstop.kube.ClusterService;
import dev.nonstop.kube.ClusterStatus;
import dev.nonstop.testsupport.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;

@IntegrationTest
class ClusterModeTest {

    @Autowired ClusterService clusters;
    @Autowired ClusterHealthIndicator health;

    @Test
    void auto_mode_picks_a_real_cluster_only_when_one_is_configured(@TempDir Path home) throws Exception {
        assertThat(KubeConfiguration.realClusterConfigured(Map.of(), home)).isFalse();
        assertThat(KubeConfiguration.realClusterConfigured(Map.of("KUBECONFIG", home.resolve("missing").toString()),
                home)).isFalse();
        Path config = Files.writeString(home.resolve("config"), "apiVersion: v1\nkind: Config\n");
        assertThat(KubeConfiguration.realClusterConfigured(Map.of("KUBECONFIG", config.toString()), home)).isTrue();
        Files.createDirectories(home.resolve(".kube"));
        Files.writeString(home.resolve(".kube/config"), "apiVersion: v1\nkind: Config\n");
        assertThat(KubeConfiguration.realClusterConfigured(Map.of(), home)).isTrue();
    }

    @Test
    void without_a_cluster_the_portal_runs_on_the_sandbox_and_says_so() {
        ClusterStatus status = clusters.status();
        assertThat(status.sandbox()).isTrue();
        assertThat(status.reachable()).isTrue();
        assertThat(status.version()).contains("sandbox");
        var report = health.health();
        assertThat(report.getStatus()).isEqualTo(Status.UP);
        assertThat(report.getDetails()).containsEntry("mode", "sandbox");
    }
}

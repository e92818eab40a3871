package dev.nonstop.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nonstop.testsupport.IntegrationTest;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The kubeconfig the portal writes for kubectl users: it carries the token, and only its owner can read it. */
@IntegrationTest
class SandboxKubeconfigTest {

    @Autowired SandboxCluster sandbox;

    @Test
    void the_kubeconfig_opens_the_sandbox_and_only_its_owner_can_read_it() throws Exception {
        assertThat(sandbox.running()).isPresent();
        Path file = sandbox.kubeconfig();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        Config fromFile = Config.fromKubeconfig(Files.readString(file));
        // HTTPS: kubectl (client-go) never sends a token over plain HTTP
        assertThat(fromFile.getMasterUrl()).startsWith("https://127.0.0.1:");
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(fromFile).build()) {
            assertThat(client.nodes().list().getItems()).isNotEmpty();
        }
        // the same API without the token refuses, on either port
        for (String url : java.util.List.of(sandbox.running().orElseThrow().url(),
                sandbox.running().orElseThrow().tlsUrl())) {
            Config anonymous = new io.fabric8.kubernetes.client.ConfigBuilder(Config.empty())
                    .withMasterUrl(url).withTrustCerts(true).build();
            try (KubernetesClient client = new KubernetesClientBuilder().withConfig(anonymous).build()) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.nodes().list())
                        .isInstanceOfSatisfying(KubernetesClientException.class,
                                e -> assertThat(e.getCode()).isEqualTo(401));
            }
        }
    }

    @Test
    void kubectl_lists_the_sandbox_nodes_with_the_kubeconfig(@org.junit.jupiter.api.io.TempDir Path cache)
            throws Exception {
        java.util.Optional<Path> kubectl = java.util.stream.Stream.of(System.getenv("PATH").split(":"))
                .map(dir -> Path.of(dir, "kubectl")).filter(Files::isExecutable).findFirst();
        org.junit.jupiter.api.Assumptions.assumeTrue(kubectl.isPresent(), "kubectl is not installed");
        Process process = new ProcessBuilder(kubectl.get().toString(), "--kubeconfig",
                sandbox.kubeconfig().toAbsolutePath().toString(), "--cache-dir", cache.toString(),
                "get", "nodes", "-L", "topology.kubernetes.io/zone")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        assertThat(output).contains("sandbox-zone-a").contains("Ready");
    }

    /** The Prometheus configuration written beside the kubeconfig is valid and scrapes this sandbox. */
    @Test
    void a_prometheus_configuration_for_this_sandbox_is_written_beside_it() throws Exception {
        Path dir = sandbox.kubeconfig().toAbsolutePath().getParent();
        Path config = dir.resolve("sandbox-prometheus.yml");
        Path token = dir.resolve("sandbox-token");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(token))).isEqualTo("rw-------");
        assertThat(Files.readString(config)).contains(sandbox.running().orElseThrow().metricsDiscoveryUrl(),
                "credentials_file: " + token);
        assertThat(Files.readString(token)).isEqualTo(sandbox.running().orElseThrow().token());
        Path promtool = Path.of("/usr/bin/promtool");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(promtool), "promtool is not installed");
        Process check = new ProcessBuilder(promtool.toString(), "check", "config", config.toString())
                .redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(check.waitFor()).as(output).isZero();
    }
}

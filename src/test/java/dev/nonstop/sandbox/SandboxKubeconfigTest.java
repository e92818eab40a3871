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
        try (KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(Files.readString(file))).build()) {
            assertThat(client.nodes().list().getItems()).isNotEmpty();
        }
        // the same API without the token refuses
        Config anonymous = new io.fabric8.kubernetes.client.ConfigBuilder(Config.empty())
                .withMasterUrl(sandbox.running().orElseThrow().url()).build();
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(anonymous).build()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.nodes().list())
                    .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(401));
        }
    }
}

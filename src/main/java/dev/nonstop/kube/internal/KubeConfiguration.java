package dev.nonstop.kube.internal;

import dev.nonstop.kube.ClusterEndpoint;
import dev.nonstop.kube.ClusterMode;
import dev.nonstop.kube.SandboxStarter;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the cluster from {@code nonstop.cluster.mode}: a real one (kubeconfig or in-cluster service
 * account, as fabric8 finds them) or the sandbox, and builds the one client every feature uses.
 */
@Configuration
class KubeConfiguration {

    private static final Logger log = LoggerFactory.getLogger(KubeConfiguration.class);

    @Bean
    ClusterEndpoint clusterEndpoint(@Value("${nonstop.cluster.mode:auto}") String rawMode,
                                    ObjectProvider<SandboxStarter> sandbox) {
        ClusterMode mode = ClusterMode.valueOf(rawMode.strip().toUpperCase(Locale.ROOT));
        boolean realConfigured = realClusterConfigured(System.getenv(), Path.of(System.getProperty("user.home")));
        if (mode == ClusterMode.REAL || (mode == ClusterMode.AUTO && realConfigured)) {
            if (!realConfigured) {
                throw new IllegalStateException("nonstop.cluster.mode=real, but there is no kubeconfig "
                        + "(KUBECONFIG or ~/.kube/config) and no in-cluster service account. Configure one, or use "
                        + "nonstop.cluster.mode=sandbox.");
            }
            Config config = Config.autoConfigure(null);
            log.info("Using the Kubernetes cluster at {}", config.getMasterUrl());
            return new ClusterEndpoint(config, false, config.getMasterUrl());
        }
        SandboxStarter starter = Optional.ofNullable(sandbox.getIfAvailable()).orElseThrow(() ->
                new IllegalStateException("No cluster is configured and the sandbox is not available."));
        ClusterEndpoint endpoint = starter.start();
        log.info("No cluster configured: using the sandbox cluster at {} (simulated, no real containers)",
                endpoint.config().getMasterUrl());
        return endpoint;
    }

    /** A kubeconfig (KUBECONFIG or ~/.kube/config) or an in-cluster service account is present. */
    static boolean realClusterConfigured(Map<String, String> env, Path home) {
        String kubeconfig = env.get("KUBECONFIG");
        if (kubeconfig != null && !kubeconfig.isBlank()) {
            for (String file : kubeconfig.split(java.io.File.pathSeparator)) {
                if (!file.isBlank() && Files.isRegularFile(Path.of(file))) {
                    return true;
                }
            }
        }
        if (Files.isRegularFile(home.resolve(".kube/config"))) {
            return true;
        }
        return env.get("KUBERNETES_SERVICE_HOST") != null
                && Files.isRegularFile(Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token"));
    }

    @Bean(destroyMethod = "close")
    KubernetesClient kubernetesClient(ClusterEndpoint endpoint) {
        return new KubernetesClientBuilder().withConfig(endpoint.config()).build();
    }
}

package dev.nonstop.sandbox;

import dev.nonstop.kube.ClusterEndpoint;
import dev.nonstop.kube.SandboxStarter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The sandbox cluster inside the portal, started when no real cluster is configured. It writes a
 * kubeconfig for kubectl to {@code nonstop.sandbox.kubeconfig} (see scripts/sandbox-kubeconfig).
 */
@Component
public class SandboxCluster implements SandboxStarter, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SandboxCluster.class);

    private final SandboxSettings settings;
    private final Path kubeconfig;
    private volatile @Nullable Sandbox sandbox;

    SandboxCluster(@Value("${nonstop.sandbox.nodes:4}") int nodes, @Value("${nonstop.sandbox.zones:2}") int zones,
                   @Value("${nonstop.sandbox.pod-start-delay:3s}") Duration podStartDelay,
                   @Value("${nonstop.sandbox.crash-share:0}") double crashShare,
                   @Value("${nonstop.sandbox.speed:1}") double speed,
                   @Value("${nonstop.sandbox.port:0}") int port,
                   @Value("${nonstop.sandbox.node-cpu-milli:0}") int nodeCpuMilli,
                   @Value("${nonstop.sandbox.node-memory-mib:0}") int nodeMemoryMib,
                   @Value("${nonstop.sandbox.node-pods:0}") int nodePods,
                   @Value("${nonstop.sandbox.kubeconfig:./data/sandbox-kubeconfig}") String kubeconfig) {
        SandboxSettings d = SandboxSettings.defaults();
        // node size: the defaults unless set (benchmarks run thousands of pods on fewer, larger nodes)
        this.settings = new SandboxSettings(nodes, zones, nodeCpuMilli > 0 ? nodeCpuMilli : d.nodeCpuMilli(),
                nodeMemoryMib > 0 ? nodeMemoryMib : d.nodeMemoryMib(), nodePods > 0 ? nodePods : d.nodePods(),
                podStartDelay, crashShare, speed, port, d.tick());
        this.kubeconfig = Path.of(kubeconfig);
    }

    @Override
    public synchronized ClusterEndpoint start() {
        Sandbox running = sandbox;
        if (running == null) {
            running = Sandbox.start(settings);
            sandbox = running;
            writeKubeconfig(running.tlsUrl(), running.token());
            log.info("Sandbox cluster: {} nodes in {} zones at {}; kubeconfig {}", settings.nodes(), settings.zones(),
                    running.tlsUrl(), kubeconfig.toAbsolutePath());
        }
        return new ClusterEndpoint(running.config(), true, "sandbox " + running.url());
    }

    /** Where the kubeconfig for kubectl users is written. */
    public Path kubeconfig() {
        return kubeconfig;
    }

    /** The running sandbox, for the admin fault page and tests; empty when a real cluster is used. */
    public java.util.Optional<Sandbox> running() {
        return java.util.Optional.ofNullable(sandbox);
    }

    /**
     * A kubeconfig with the sandbox's token, readable by this OS user only. The certificate is made afresh at
     * each start and names no IP address, so the kubeconfig skips its verification; the address is loopback.
     */
    private void writeKubeconfig(String url, String token) {
        String yaml = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: nonstop-sandbox
                  cluster:
                    server: %s
                    insecure-skip-tls-verify: true
                contexts:
                - name: nonstop-sandbox
                  context:
                    cluster: nonstop-sandbox
                    user: nonstop-sandbox
                current-context: nonstop-sandbox
                users:
                - name: nonstop-sandbox
                  user:
                    token: %s
                """.formatted(url, token);
        try {
            if (kubeconfig.getParent() != null) {
                Files.createDirectories(kubeconfig.getParent());
            }
            Files.deleteIfExists(kubeconfig);
            try {
                Files.createFile(kubeconfig, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(kubeconfig);
            }
            Files.writeString(kubeconfig, yaml);
        } catch (IOException e) {
            log.warn("Could not write the sandbox kubeconfig to {}: {}", kubeconfig, e.toString());
        }
    }

    @Override
    public void destroy() {
        Sandbox running = sandbox;
        if (running != null) {
            running.close();
            sandbox = null;
            try {
                Files.deleteIfExists(kubeconfig);
            } catch (IOException ignored) {
                // a stale file points at a closed port; harmless
            }
        }
    }
}

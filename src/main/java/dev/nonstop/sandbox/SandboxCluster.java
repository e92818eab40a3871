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
    private final int metricsPort;
    private volatile @Nullable Sandbox sandbox;

    SandboxCluster(@Value("${nonstop.sandbox.nodes:4}") int nodes, @Value("${nonstop.sandbox.zones:2}") int zones,
                   @Value("${nonstop.sandbox.pod-start-delay:3s}") Duration podStartDelay,
                   @Value("${nonstop.sandbox.crash-share:0}") double crashShare,
                   @Value("${nonstop.sandbox.speed:1}") double speed,
                   @Value("${nonstop.sandbox.port:0}") int port,
                   @Value("${nonstop.sandbox.node-cpu-milli:0}") int nodeCpuMilli,
                   @Value("${nonstop.sandbox.node-memory-mib:0}") int nodeMemoryMib,
                   @Value("${nonstop.sandbox.node-pods:0}") int nodePods,
                   @Value("${nonstop.sandbox.metrics-port:0}") int metricsPort,
                   @Value("${nonstop.sandbox.kubeconfig:./data/sandbox-kubeconfig}") String kubeconfig) {
        SandboxSettings d = SandboxSettings.defaults();
        // node size: the defaults unless set (benchmarks run thousands of pods on fewer, larger nodes)
        this.settings = new SandboxSettings(nodes, zones, nodeCpuMilli > 0 ? nodeCpuMilli : d.nodeCpuMilli(),
                nodeMemoryMib > 0 ? nodeMemoryMib : d.nodeMemoryMib(), nodePods > 0 ? nodePods : d.nodePods(),
                podStartDelay, crashShare, speed, port, d.tick());
        this.kubeconfig = Path.of(kubeconfig);
        this.metricsPort = metricsPort;
    }

    @Override
    public synchronized ClusterEndpoint start() {
        Sandbox running = sandbox;
        if (running == null) {
            running = Sandbox.start(settings, metricsPort);
            sandbox = running;
            writeKubeconfig(running.tlsUrl(), running.token());
            writePrometheusConfig(running);
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
        writePrivate(kubeconfig, yaml);
    }

    /** Writes a file only this OS user can read (it holds the token). */
    private static void writePrivate(Path file, String content) {
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.writeString(file, content);
        } catch (IOException e) {
            log.warn("Could not write {}: {}", file, e.toString());
        }
    }

    /**
     * Next to the kubeconfig: the token alone and a Prometheus configuration that scrapes this sandbox
     * through its service discovery with it (scripts/sandbox-prometheus starts Prometheus on them). The
     * token file is rewritten at each start, so a Prometheus left running keeps scraping the next sandbox
     * when the metrics port is fixed ({@code NONSTOP_SANDBOX_METRICS_PORT}).
     */
    private void writePrometheusConfig(Sandbox running) {
        Path dir = kubeconfig.toAbsolutePath().getParent();
        Path tokenFile = dir.resolve("sandbox-token");
        writePrivate(tokenFile, running.token());
        writePrivate(dir.resolve("sandbox-prometheus.yml"), "# Written by the portal at each start of its sandbox "
                + "cluster; scripts/sandbox-prometheus uses it.\n" + running.prometheusConfig(tokenFile,
                java.time.Duration.ofSeconds(15)));
    }

    @Override
    public void destroy() {
        Sandbox running = sandbox;
        if (running != null) {
            running.close();
            sandbox = null;
            try {
                Files.deleteIfExists(kubeconfig);
                Files.deleteIfExists(kubeconfig.toAbsolutePath().getParent().resolve("sandbox-token"));
            } catch (IOException ignored) {
                // a stale file points at a closed port; harmless
            }
        }
    }
}

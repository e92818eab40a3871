package dev.nonstop.sandbox;

import dev.nonstop.audit.AuditLog;
import dev.nonstop.common.UserError;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Fault injection and knobs of the sandbox cluster, for platform admins: fail and recover nodes, lose a
 * zone, kill a pod, change the speed of simulated time and an app's load. Every action is audited.
 */
@Service
public class SandboxService {

    private final SandboxCluster cluster;
    private final AuditLog audit;
    private final NodeChanges nodeChanges;

    SandboxService(SandboxCluster cluster, AuditLog audit, NodeChanges nodeChanges) {
        this.cluster = cluster;
        this.audit = audit;
        this.nodeChanges = nodeChanges;
    }

    /** Calls {@code listener} whenever a node changes (an open fault page redraws); run the result to stop. */
    @PreAuthorize("hasRole('ADMIN')")
    public Runnable subscribeNodes(Runnable listener) {
        return nodeChanges.subscribe(listener);
    }

    public boolean isRunning() {
        return cluster.running().isPresent();
    }

    private Sandbox sandbox() {
        return cluster.running().orElseThrow(() -> new UserError("sandbox.not-running"));
    }

    @PreAuthorize("hasRole('ADMIN')")
    public List<SandboxNode> nodes() {
        try (KubernetesClient client = sandbox().newClient()) {
            Map<String, Long> pods = client.pods().inAnyNamespace().list().getItems().stream()
                    .filter(p -> p.getSpec().getNodeName() != null)
                    .collect(Collectors.groupingBy(p -> p.getSpec().getNodeName(), Collectors.counting()));
            return client.nodes().list().getItems().stream()
                    .sorted(Comparator.comparing(n -> n.getMetadata().getName()))
                    .map(n -> new SandboxNode(n.getMetadata().getName(),
                            n.getMetadata().getLabels().getOrDefault("topology.kubernetes.io/zone", ""), ready(n),
                            pods.getOrDefault(n.getMetadata().getName(), 0L).intValue()))
                    .toList();
        }
    }

    private static boolean ready(Node node) {
        return node.getStatus() != null && node.getStatus().getConditions() != null && node.getStatus()
                .getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public void failNode(String node) {
        requireNode(node);
        sandbox().failNode(node);
        audit.record(null, "sandbox.node.failed", "Node " + node + " made NotReady");
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public void recoverNode(String node) {
        requireNode(node);
        sandbox().recoverNode(node);
        audit.record(null, "sandbox.node.recovered", "Node " + node + " Ready again");
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public void loseZone(String zone) {
        if (nodes().stream().noneMatch(n -> n.zone().equals(zone))) {
            throw new UserError("sandbox.no-such-zone", zone);
        }
        sandbox().loseZone(zone);
        audit.record(null, "sandbox.zone.lost", "Every node of zone " + zone + " made NotReady");
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public void killPod(String namespace, String name) {
        try (KubernetesClient client = sandbox().newClient()) {
            Pod pod = client.pods().inNamespace(namespace).withName(name).get();
            if (pod == null) {
                throw new UserError("sandbox.no-such-pod", namespace + "/" + name);
            }
        }
        sandbox().killPod(namespace, name);
        audit.record(namespace.startsWith("t-") ? namespace.substring(2) : null, "sandbox.pod.killed",
                "Pod " + namespace + "/" + name + " deleted");
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public void setSpeed(double speed) {
        if (!(speed >= 0.1 && speed <= 100)) {
            throw new UserError("sandbox.speed-range", 0.1, 100);
        }
        sandbox().clock().setSpeed(speed);
        audit.record(null, "sandbox.speed.changed", "Simulated time now runs at " + speed + "x");
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public void slowApi(int delayMillis) {
        if (delayMillis < 0 || delayMillis > 10_000) {
            throw new UserError("sandbox.delay-range", 0, 10_000);
        }
        sandbox().slowApi(java.time.Duration.ofMillis(delayMillis));
        audit.record(null, "sandbox.api.delay", "Sandbox API answers " + delayMillis + " ms late");
    }

    /**
     * An app's simulated traffic, as Prometheus sees it through the sandbox's exporter and metrics-server
     * through PodMetrics: {@code load} (1.0 = CPU use equal to the request, 0–20), the share of requests
     * answered with a 500 ({@code errorPercent}, 0–100) and the mean time to answer ({@code latencyMillis},
     * 1–60,000).
     */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public void setTraffic(String namespace, String app, double load, double errorPercent, int latencyMillis) {
        if (!namespace.matches("t-[a-z0-9]([-a-z0-9]{0,50}[a-z0-9])?") || !app.matches("[a-z0-9]([-a-z0-9]{0,50}[a-z0-9])?")) {
            throw new UserError("sandbox.traffic.no-such-app", namespace + "/" + app);
        }
        if (!(load >= 0 && load <= 20) || !(errorPercent >= 0 && errorPercent <= 100) || latencyMillis < 1
                || latencyMillis > 60_000) {
            throw new UserError("sandbox.traffic-range");
        }
        try (KubernetesClient client = sandbox().newClient()) {
            if (client.apps().deployments().inNamespace(namespace).withName(app).get() == null) {
                throw new UserError("sandbox.traffic.no-such-app", namespace + "/" + app);
            }
        }
        Sandbox running = sandbox();
        running.setLoad(namespace, app, load);
        running.setErrorShare(namespace, app, errorPercent / 100);
        running.setLatency(namespace, app, java.time.Duration.ofMillis(latencyMillis));
        audit.record(namespace.substring(2), "sandbox.traffic.changed", "Traffic of " + namespace + "/" + app
                + ": load " + load + ", " + errorPercent + " % errors, " + latencyMillis + " ms mean");
    }

    @PreAuthorize("hasRole('ADMIN')")
    public double speed() {
        return sandbox().clock().speed();
    }

    private void requireNode(String node) {
        if (nodes().stream().noneMatch(n -> n.name().equals(node))) {
            throw new UserError("sandbox.no-such-node", node);
        }
    }
}

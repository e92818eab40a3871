package dev.nonstop.sandbox.internal.sim;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.ContainerMetricsBuilder;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetricsBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Publishes metrics.k8s.io PodMetrics for running pods every 15 simulated seconds, as metrics-server
 * does: CPU use is the request times the app's load knob (with a little noise), memory grows with
 * load up to the limit. A PodMetrics is owned by its pod, so it goes when the pod goes.
 */
public final class MetricsPublisher {

    static final Duration WINDOW = Duration.ofSeconds(15);
    private final SimContext sim;
    private final Map<String, Instant> published = new HashMap<>();

    public MetricsPublisher(SimContext sim) {
        this.sim = sim;
    }

    public void tick() {
        Instant now = sim.now();
        Map<String, Instant> alive = new HashMap<>();
        for (Pod pod : sim.pods()) {
            String uid = pod.getMetadata().getUid();
            if (!"Running".equals(pod.getStatus() == null ? null : pod.getStatus().getPhase())) {
                continue;
            }
            Instant last = published.get(uid);
            if (last != null && now.isBefore(last.plus(WINDOW))) {
                alive.put(uid, last);
                continue;
            }
            if (publish(pod, now)) {
                alive.put(uid, now);
            }
        }
        published.clear();
        published.putAll(alive);
    }

    private boolean publish(Pod pod, Instant now) {
        double load = sim.load(pod.getMetadata().getNamespace(), SimContext.deploymentOf(pod));
        PodMetricsBuilder metrics = new PodMetricsBuilder().withNewMetadata().withName(pod.getMetadata().getName())
                .withNamespace(pod.getMetadata().getNamespace()).withLabels(pod.getMetadata().getLabels())
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("v1").withKind("Pod")
                        .withName(pod.getMetadata().getName()).withUid(pod.getMetadata().getUid()).build())
                .endMetadata()
                .withTimestamp(now.toString()).withWindow(new io.fabric8.kubernetes.api.model.Duration(WINDOW));
        for (Container c : pod.getSpec().getContainers()) {
            long cpuRequest = milli(c, "cpu", 50);
            long memRequest = mib(c, 64);
            double noise = 0.9 + ThreadLocalRandom.current().nextDouble() * 0.2;
            long cpu = Math.max(1, Math.round(cpuRequest * load * noise));
            long limit = c.getResources() != null && c.getResources().getLimits() != null
                    && c.getResources().getLimits().get("memory") != null
                    ? c.getResources().getLimits().get("memory").getNumericalAmount()
                    .divide(BigDecimal.valueOf(1024 * 1024)).longValue() : memRequest * 2;
            long memory = Math.min(limit, Math.round(memRequest * (0.5 + 0.3 * Math.min(load, 2))));
            metrics.addToContainers(new ContainerMetricsBuilder().withName(c.getName())
                    .addToUsage("cpu", new Quantity(cpu + "m")).addToUsage("memory", new Quantity(memory + "Mi"))
                    .build());
        }
        try {
            PodMetrics built = metrics.build();
            sim.client.resources(PodMetrics.class).inNamespace(pod.getMetadata().getNamespace()).resource(built)
                    .createOr(NonDeletingOperation::update);
            return true;
        } catch (KubernetesClientException e) {
            return false;
        }
    }

    static long milli(Container c, String resource, long fallback) {
        if (c.getResources() == null || c.getResources().getRequests() == null
                || c.getResources().getRequests().get(resource) == null) {
            return fallback;
        }
        return c.getResources().getRequests().get(resource).getNumericalAmount().multiply(BigDecimal.valueOf(1000))
                .longValue();
    }

    static long mib(Container c, long fallback) {
        if (c.getResources() == null || c.getResources().getRequests() == null
                || c.getResources().getRequests().get("memory") == null) {
            return fallback;
        }
        return c.getResources().getRequests().get("memory").getNumericalAmount()
                .divide(BigDecimal.valueOf(1024 * 1024)).longValue();
    }
}

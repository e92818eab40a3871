package dev.nonstop.sandbox.internal.sim;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerConditionBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerStatusBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The HorizontalPodAutoscaler (autoscaling/v2, CPU utilization targets): every 15 simulated seconds,
 * desired = ceil(current × utilization / target), within a 10% tolerance, clamped to min..max, with the
 * default 5-minute scale-down stabilization. It scales the Deployment as field manager
 * {@code horizontal-pod-autoscaler}, so the portal's server-side apply leaves replicas alone.
 */
public final class Autoscaler {

    static final String MANAGER = "horizontal-pod-autoscaler";
    static final Duration SYNC = Duration.ofSeconds(15);
    static final Duration DOWNSCALE_WINDOW = Duration.ofMinutes(5);
    static final double TOLERANCE = 0.1;

    private final SimContext sim;
    private final Map<String, Instant> lastSync = new HashMap<>();
    private final Map<String, Deque<Map.Entry<Instant, Integer>>> recommendations = new HashMap<>();

    public Autoscaler(SimContext sim) {
        this.sim = sim;
    }

    public void tick() {
        Instant now = sim.now();
        for (HorizontalPodAutoscaler hpa : sim.autoscalers.getStore().list()) {
            String uid = hpa.getMetadata().getUid();
            Instant last = lastSync.get(uid);
            if (last != null && now.isBefore(last.plus(SYNC))) {
                continue;
            }
            lastSync.put(uid, now);
            try {
                sync(hpa, now);
            } catch (KubernetesClientException e) {
                // target gone or a write raced; next sync tries again
            }
        }
    }

    private void sync(HorizontalPodAutoscaler hpa, Instant now) {
        String namespace = hpa.getMetadata().getNamespace();
        String target = hpa.getSpec().getScaleTargetRef().getName();
        Deployment deployment = sim.client.apps().deployments().inNamespace(namespace).withName(target).get();
        if (deployment == null) {
            return;
        }
        Integer targetUtilization = cpuTarget(hpa);
        int current = deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
        int min = hpa.getSpec().getMinReplicas() == null ? 1 : hpa.getSpec().getMinReplicas();
        int max = hpa.getSpec().getMaxReplicas();
        Map<String, PodMetrics> metrics = sim.client.resources(PodMetrics.class).inNamespace(namespace).list()
                .getItems().stream().collect(Collectors.toMap(m -> m.getMetadata().getName(), m -> m, (a, b) -> a));
        List<Pod> pods = sim.pods().stream().filter(Pods::isActive)
                .filter(p -> namespace.equals(p.getMetadata().getNamespace()))
                .filter(p -> target.equals(SimContext.deploymentOf(p))).toList();
        long requested = 0;
        long used = 0;
        for (Pod pod : pods) {
            PodMetrics m = metrics.get(pod.getMetadata().getName());
            if (m == null || !Pods.isReady(pod)) {
                continue;
            }
            requested += pod.getSpec().getContainers().stream().mapToLong(c -> cpuRequestMilli(c))
                    .sum();
            used += m.getContainers().stream().mapToLong(c -> c.getUsage().get("cpu").getNumericalAmount()
                    .multiply(BigDecimal.valueOf(1000)).longValue()).sum();
        }
        if (targetUtilization == null || requested == 0) {
            return;
        }
        int utilization = (int) Math.round(100.0 * used / requested);
        double ratio = (double) utilization / targetUtilization;
        int recommended = Math.abs(ratio - 1) <= TOLERANCE ? current : (int) Math.ceil(current * ratio);
        recommended = Math.max(min, Math.min(max, recommended));
        Deque<Map.Entry<Instant, Integer>> history = recommendations.computeIfAbsent(hpa.getMetadata().getUid(),
                k -> new ArrayDeque<>());
        history.addLast(Map.entry(now, recommended));
        while (!history.isEmpty() && history.peekFirst().getKey().isBefore(now.minus(DOWNSCALE_WINDOW))) {
            history.removeFirst();
        }
        int desired = recommended >= current ? recommended
                : Math.min(current, history.stream().mapToInt(Map.Entry::getValue).max().orElse(recommended));
        if (desired != current) {
            sim.client.apps().deployments().inNamespace(namespace).withName(target).patch(new PatchContext.Builder()
                    .withPatchType(PatchType.JSON_MERGE).withFieldManager(MANAGER).build(),
                    "{\"spec\":{\"replicas\":" + desired + "}}");
            sim.event(hpa, "Normal", "SuccessfulRescale", "New size: " + desired + "; reason: cpu resource "
                    + "utilization (percentage of request) " + (desired > current ? "above" : "below") + " target",
                    "horizontal-pod-autoscaler");
        }
        HorizontalPodAutoscaler copy = sim.client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace)
                .withName(hpa.getMetadata().getName()).get();
        if (copy == null) {
            return;
        }
        String stamp = now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        copy.setStatus(new HorizontalPodAutoscalerStatusBuilder()
                .withCurrentReplicas(current).withDesiredReplicas(desired)
                .withLastScaleTime(desired != current ? stamp
                        : hpa.getStatus() == null ? null : hpa.getStatus().getLastScaleTime())
                .withCurrentMetrics(new MetricStatusBuilder().withType("Resource").withNewResource().withName("cpu")
                        .withNewCurrent().withAverageUtilization(utilization).endCurrent().endResource().build())
                .withConditions(new HorizontalPodAutoscalerConditionBuilder().withType("ScalingActive")
                        .withStatus("True").withReason("ValidMetricFound").withLastTransitionTime(stamp)
                        .withMessage("the HPA was able to compute the replica count from cpu resource utilization")
                        .build(),
                        new HorizontalPodAutoscalerConditionBuilder().withType("ScalingLimited")
                                .withStatus(desired == max || desired == min ? "True" : "False")
                                .withReason(desired == max ? "TooManyReplicas" : desired == min ? "TooFewReplicas"
                                        : "DesiredWithinRange").withLastTransitionTime(stamp).build())
                .build());
        sim.client.resource(copy).updateStatus();
    }

    private static long cpuRequestMilli(io.fabric8.kubernetes.api.model.Container c) {
        if (c.getResources() == null || c.getResources().getRequests() == null
                || c.getResources().getRequests().get("cpu") == null) {
            return 50;
        }
        return c.getResources().getRequests().get("cpu").getNumericalAmount().multiply(BigDecimal.valueOf(1000))
                .longValue();
    }

    private static Integer cpuTarget(HorizontalPodAutoscaler hpa) {
        if (hpa.getSpec().getMetrics() == null) {
            return 80;
        }
        for (MetricSpec metric : hpa.getSpec().getMetrics()) {
            if ("Resource".equals(metric.getType()) && metric.getResource() != null
                    && "cpu".equals(metric.getResource().getName()) && metric.getResource().getTarget() != null) {
                return metric.getResource().getTarget().getAverageUtilization();
            }
        }
        return null;
    }
}

package dev.nonstop.sandbox.internal.sim;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Reading pods the way controllers do. */
final class Pods {

    private Pods() {
    }

    static Optional<PodCondition> condition(Pod pod, String type) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return pod.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    static boolean isReady(Pod pod) {
        return condition(pod, "Ready").map(c -> "True".equals(c.getStatus())).orElse(false);
    }

    static @Nullable Instant readySince(Pod pod) {
        return condition(pod, "Ready").filter(c -> "True".equals(c.getStatus()))
                .map(c -> Instant.parse(c.getLastTransitionTime())).orElse(null);
    }

    /** Ready for at least {@code minReadySeconds}: what ReplicaSets count as available. */
    static boolean isAvailable(Pod pod, int minReadySeconds, Instant now) {
        Instant since = readySince(pod);
        return since != null && !since.plusSeconds(minReadySeconds).isAfter(now);
    }

    static boolean isTerminated(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    /** Pods another simulator owns the whole life of (Tekton step pods). */
    static boolean isSimulated(Pod pod) {
        return pod.getMetadata().getLabels() != null
                && pod.getMetadata().getLabels().containsKey(TektonSimulator.SIM_LABEL);
    }

    static boolean isActive(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() == null && !isTerminated(pod);
    }

    static boolean ownedBy(HasMetadata object, String ownerUid) {
        if (object.getMetadata().getOwnerReferences() == null) {
            return false;
        }
        for (OwnerReference ref : object.getMetadata().getOwnerReferences()) {
            if (ownerUid.equals(ref.getUid())) {
                return true;
            }
        }
        return false;
    }

    static long cpuRequestMilli(Pod pod) {
        return sum(pod, "cpu", new BigDecimal(1000));
    }

    static long memoryRequestMib(Pod pod) {
        return sum(pod, "memory", BigDecimal.ONE.divide(new BigDecimal(1024 * 1024)));
    }

    private static long sum(Pod pod, String resource, BigDecimal scale) {
        BigDecimal total = BigDecimal.ZERO;
        for (Container c : pod.getSpec().getContainers()) {
            if (c.getResources() != null && c.getResources().getRequests() != null) {
                Quantity q = c.getResources().getRequests().get(resource);
                if (q != null) {
                    total = total.add(q.getNumericalAmount());
                }
            }
        }
        return total.multiply(scale).longValue();
    }

    static boolean matches(Map<String, String> selector, @Nullable Map<String, String> labels) {
        if (labels == null) {
            return selector.isEmpty();
        }
        return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }
}

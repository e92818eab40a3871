package dev.nonstop.tenant.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.Map;
import java.util.Objects;

/** Whether an object in the cluster still says what the portal applied (only the fields it sets). */
final class Drift {

    private Drift() {
    }

    static boolean matches(HasMetadata desired, HasMetadata actual) {
        return switch (desired) {
            case Namespace ns -> labelsKept(ns, actual);
            case ResourceQuota q -> actual instanceof ResourceQuota a && a.getSpec() != null
                    && sameAmounts(q.getSpec().getHard(), a.getSpec().getHard());
            case LimitRange l -> actual instanceof LimitRange a && Objects.equals(l.getSpec(), a.getSpec());
            case NetworkPolicy p -> actual instanceof NetworkPolicy a && Objects.equals(p.getSpec(), a.getSpec());
            case ServiceAccount s -> actual instanceof ServiceAccount a
                    && Objects.equals(s.getAutomountServiceAccountToken(), a.getAutomountServiceAccountToken());
            default -> true;
        };
    }

    private static boolean labelsKept(HasMetadata desired, HasMetadata actual) {
        Map<String, String> labels = actual.getMetadata().getLabels() == null ? Map.of()
                : actual.getMetadata().getLabels();
        return desired.getMetadata().getLabels().entrySet().stream()
                .allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    static boolean sameAmounts(Map<String, Quantity> a, Map<String, Quantity> b) {
        if (a == null || b == null || a.size() != b.size()) {
            return false;
        }
        for (var e : a.entrySet()) {
            Quantity other = b.get(e.getKey());
            if (other == null || other.getNumericalAmount().compareTo(e.getValue().getNumericalAmount()) != 0) {
                return false;
            }
        }
        return true;
    }
}

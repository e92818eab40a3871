package dev.nonstop.sandbox.internal.sim;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Objects;

/**
 * Node taints as Kubernetes uses them for a node that stops answering: the node lifecycle controller
 * adds {@code node.kubernetes.io/unreachable} with NoSchedule and NoExecute, and removes them when the
 * node is back. A pod tolerates a taint when one of its tolerations matches key (or Exists without a
 * key), value and effect (an empty effect matches all) — the scheduler's TaintToleration filter.
 */
final class Taints {

    static final String UNREACHABLE = "node.kubernetes.io/unreachable";

    private Taints() {
    }

    /** The taints of a node that stopped answering, stamped with the (simulated) time they were added. */
    static List<Taint> unreachable(String timestamp) {
        return List.of(new TaintBuilder().withKey(UNREACHABLE).withEffect("NoSchedule").withTimeAdded(timestamp)
                        .build(),
                new TaintBuilder().withKey(UNREACHABLE).withEffect("NoExecute").withTimeAdded(timestamp).build());
    }

    static List<Taint> of(Node node) {
        return node.getSpec() == null || node.getSpec().getTaints() == null ? List.of() : node.getSpec().getTaints();
    }

    /** Whether the pod tolerates every NoSchedule and NoExecute taint of the node (PreferNoSchedule never filters). */
    static boolean tolerated(Pod pod, Node node) {
        List<Toleration> tolerations = pod.getSpec().getTolerations() == null ? List.of()
                : pod.getSpec().getTolerations();
        return of(node).stream().filter(t -> !"PreferNoSchedule".equals(t.getEffect()))
                .allMatch(taint -> tolerations.stream().anyMatch(t -> matches(t, taint)));
    }

    static boolean matches(Toleration toleration, Taint taint) {
        if (toleration.getEffect() != null && !toleration.getEffect().isEmpty()
                && !toleration.getEffect().equals(taint.getEffect())) {
            return false;
        }
        if ("Exists".equals(toleration.getOperator())) {
            return toleration.getKey() == null || toleration.getKey().isEmpty()
                    || toleration.getKey().equals(taint.getKey());
        }
        return Objects.equals(toleration.getKey(), taint.getKey())
                && Objects.equals(nullToEmpty(toleration.getValue()), nullToEmpty(taint.getValue()));
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}

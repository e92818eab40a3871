package dev.nonstop.tenant.internal;

import dev.nonstop.common.ReplicaSize;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/** CPU (millicores) and memory (MiB) that containers request or are limited to, summed per pod. */
final class PodResources {

    private PodResources() {
    }

    /** {cpu millicores, memory MiB} of the containers' requests, or (limits true) their limits. */
    static long[] of(List<Container> containers, boolean limits) {
        long cpu = 0;
        long memory = 0;
        for (Container c : containers) {
            Map<String, Quantity> r = c.getResources() == null ? null
                    : limits ? c.getResources().getLimits() : c.getResources().getRequests();
            if (r != null) {
                cpu += amount(r.get("cpu")).multiply(BigDecimal.valueOf(1000)).longValue();
                memory += amount(r.get("memory")).divide(BigDecimal.valueOf(1024L * 1024), RoundingMode.CEILING)
                        .longValue();
            }
        }
        return new long[] {cpu, memory};
    }

    /** One replica of the Deployment: requests, or (limits true) limits. */
    static long[] perReplica(Deployment app, boolean limits) {
        return of(app.getSpec().getTemplate().getSpec().getContainers(), limits);
    }

    /** Whether the Deployment's replicas are larger (CPU or memory limit) than {@code largest}. */
    static boolean oversize(Deployment app, ReplicaSize largest) {
        long[] each = perReplica(app, true);
        return each[0] > largest.cpuLimitMilli() || each[1] > largest.memoryLimitMib();
    }

    private static BigDecimal amount(Quantity q) {
        return q == null ? BigDecimal.ZERO : q.getNumericalAmount();
    }
}

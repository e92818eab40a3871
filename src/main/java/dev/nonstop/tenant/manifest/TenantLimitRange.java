package dev.nonstop.tenant.manifest;

import dev.nonstop.common.ReplicaSize;
import dev.nonstop.common.TenantSlug;
import dev.nonstop.tier.TierLimits;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;

/**
 * Container defaults for the tenant: a container that names no resources gets the smallest replica
 * size; none may ask for more than the tier's largest size.
 */
public final class TenantLimitRange {

    public static final String NAME = "tenant-limits";

    private TenantLimitRange() {
    }

    public static LimitRange of(TenantSlug slug, TierLimits limits) {
        ReplicaSize smallest = ReplicaSize.values()[0];
        ReplicaSize largest = limits.largestSize();
        return new LimitRangeBuilder().withNewMetadata().withName(NAME).withNamespace(slug.namespace())
                .withLabels(TenantNamespace.labels(slug)).endMetadata()
                .withNewSpec().addNewLimit().withType("Container")
                .withDefaultRequest(Map.of("cpu", milli(smallest.cpuRequestMilli()),
                        "memory", mib(smallest.memoryRequestMib())))
                .withDefault(Map.of("cpu", milli(smallest.cpuLimitMilli()), "memory", mib(smallest.memoryLimitMib())))
                .withMax(Map.of("cpu", milli(largest.cpuLimitMilli()), "memory", mib(largest.memoryLimitMib())))
                .endLimit().endSpec().build();
    }

    private static Quantity milli(int value) {
        return new Quantity(value + "m");
    }

    private static Quantity mib(int value) {
        return new Quantity(value + "Mi");
    }
}

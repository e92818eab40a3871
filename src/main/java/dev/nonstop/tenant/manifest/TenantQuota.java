package dev.nonstop.tenant.manifest;

import dev.nonstop.common.TenantSlug;
import dev.nonstop.tier.TierLimits;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/** The tenant's ResourceQuota: compute, pods and object counts from its tier. */
public final class TenantQuota {

    public static final String NAME = "tenant-quota";

    private TenantQuota() {
    }

    public static ResourceQuota of(TenantSlug slug, TierLimits limits) {
        return new ResourceQuotaBuilder().withNewMetadata().withName(NAME).withNamespace(slug.namespace())
                .withLabels(TenantNamespace.labels(slug)).endMetadata()
                .withNewSpec().withHard(hard(limits)).endSpec().build();
    }

    /** The hard limits a tier gives, by quota resource name, in the order the UI shows them. */
    public static Map<String, Quantity> hard(TierLimits limits) {
        Map<String, Quantity> hard = new LinkedHashMap<>();
        hard.put("requests.cpu", new Quantity(limits.quotaCpuRequestsMilli() + "m"));
        hard.put("limits.cpu", new Quantity(limits.quotaCpuLimitsMilli() + "m"));
        hard.put("requests.memory", new Quantity(limits.quotaMemoryRequestsMib() + "Mi"));
        hard.put("limits.memory", new Quantity(limits.quotaMemoryLimitsMib() + "Mi"));
        hard.put("pods", new Quantity(String.valueOf(limits.quotaPods())));
        hard.put("services", new Quantity(String.valueOf(limits.quotaServices())));
        hard.put("services.loadbalancers", new Quantity("0"));
        hard.put("services.nodeports", new Quantity("0"));
        hard.put("persistentvolumeclaims", new Quantity(String.valueOf(limits.quotaPersistentVolumeClaims())));
        hard.put("configmaps", new Quantity(String.valueOf(limits.quotaConfigObjects())));
        hard.put("secrets", new Quantity(String.valueOf(limits.quotaConfigObjects())));
        return hard;
    }
}

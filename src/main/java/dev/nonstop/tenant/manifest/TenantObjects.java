package dev.nonstop.tenant.manifest;

import dev.nonstop.common.TenantSlug;
import dev.nonstop.tenant.TenancySettings;
import dev.nonstop.tier.TierLimits;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;

/** Everything the isolation contract gives a tenant, namespace first (the rest lives in it). */
public final class TenantObjects {

    private TenantObjects() {
    }

    public static List<HasMetadata> of(TenantSlug slug, TierLimits limits, TenancySettings settings) {
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(TenantNamespace.of(slug));
        objects.add(TenantQuota.of(slug, limits));
        objects.add(TenantLimitRange.of(slug, limits));
        objects.addAll(TenantNetworkPolicies.of(slug, settings));
        objects.add(AppServiceAccount.of(slug));
        return objects;
    }
}

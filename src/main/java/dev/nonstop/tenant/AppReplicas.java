package dev.nonstop.tenant;

import dev.nonstop.common.TenantSlug;
import dev.nonstop.tier.TierLimits;

/**
 * The replicas (count and size) the app feature keeps for each app, lowered when an admin confirms a
 * downgrade that scales a tenant's apps down to fit (tenant does not know apps; the app feature answers). Without
 * this, the app reconciler would put the old replica count back.
 */
public interface AppReplicas {

    /**
     * From now on runs the tenant's app {@code app} with at most {@code replicas} replicas, lets it
     * autoscale to at most the tier's most replicas and keeps its replicas within the tier's largest
     * size; rolled out once the caller's transaction commits. False when the portal keeps no app of
     * that name (the caller then scales the Deployment itself).
     */
    boolean lower(TenantSlug tenant, String app, int replicas, TierLimits limits);
}

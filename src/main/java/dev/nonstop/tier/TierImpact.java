package dev.nonstop.tier;

import java.util.List;

/**
 * What a change of a tier's limits does to the tenants on it, answered by the tenant feature (tier
 * does not know tenants). Asked before limits are saved.
 */
public interface TierImpact {

    /** How many tenants are on the tier now. */
    int tenantsOn(TierCode code);

    /** Tenants on the tier whose live usage would exceed the new limits, with the numbers. */
    List<QuotaOverage> overages(TierCode code, TierLimits limits);

    /** Scales the apps of those tenants down to fit the new limits; says what it changed. */
    List<String> scaleDownToFit(TierCode code, TierLimits limits);
}

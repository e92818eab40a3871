package dev.nonstop.tier;

/** Published after an admin saved new limits for a tier; tenants on that tier get new quotas. */
public record TierLimitsChanged(TierCode code, TierLimits limits) {
}

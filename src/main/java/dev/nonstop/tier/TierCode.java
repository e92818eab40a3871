package dev.nonstop.tier;

/** The tiers the platform sells. New tenants start on {@link #FREE}. */
public enum TierCode {
    FREE,
    PAID
}

package dev.nonstop.tier;

/** A tier of service with its current limits. {@code version} guards concurrent edits. */
public record Tier(long id, TierCode code, TierLimits limits, long version) {
}

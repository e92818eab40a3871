package dev.nonstop.tenant;

import dev.nonstop.common.TenantSlug;
import dev.nonstop.tier.TierCode;
import java.time.Instant;

/** One row of the admin's tenant list. */
public record TenantSummary(long id, TenantSlug slug, String name, TierCode tier, long members, Instant createdAt) {
}

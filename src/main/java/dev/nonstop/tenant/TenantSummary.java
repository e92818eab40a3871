package dev.nonstop.tenant;

import dev.nonstop.common.TenantSlug;
import dev.nonstop.tier.TierCode;
import java.time.Instant;
import java.util.List;

/** One row of the admin's tenant list, with its live quota usage and the highest share of it used. */
public record TenantSummary(long id, TenantSlug slug, String name, TierCode tier, long members, Instant createdAt,
                            int peakUsage, List<QuotaUsage> usage) {
}

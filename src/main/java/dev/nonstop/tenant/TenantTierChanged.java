package dev.nonstop.tenant;

import dev.nonstop.common.TenantSlug;
import dev.nonstop.tier.TierCode;

/** Published after an admin moved a tenant to another tier. */
public record TenantTierChanged(long tenantId, TenantSlug slug, TierCode from, TierCode to) {
}

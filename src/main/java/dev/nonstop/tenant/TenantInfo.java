package dev.nonstop.tenant;

import dev.nonstop.common.TenantSlug;
import dev.nonstop.tier.Tier;
import java.time.Instant;

/** A tenant with its tier and limits, as the settings page shows it. */
public record TenantInfo(long id, TenantSlug slug, String name, Tier tier, Instant createdAt) {
}

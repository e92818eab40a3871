package dev.nonstop.tenant;

import dev.nonstop.tier.TierCode;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A tenant's request to move to a higher tier, and its outcome. */
public record UpgradeRequest(long id, long tenantId, String tenant, TierCode target, UpgradeState state,
                             String requestedBy, Instant requestedAt, String note, @Nullable String decidedBy,
                             @Nullable Instant decidedAt, @Nullable String reason) {
}

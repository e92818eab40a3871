package dev.nonstop.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** What the audit view asks for; every part is optional. Text parts match as "contains", case-insensitive. */
public record AuditFilter(@Nullable String actor, @Nullable String tenantSlug, @Nullable String action,
                          @Nullable Instant from, @Nullable Instant to) {

    public static AuditFilter none() {
        return new AuditFilter(null, null, null, null, null);
    }
}

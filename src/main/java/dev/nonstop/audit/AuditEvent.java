package dev.nonstop.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One recorded change. {@code tenantSlug} is null for platform-wide changes (a tier's limits). */
public record AuditEvent(long id, Instant occurredAt, String actor, @Nullable String tenantSlug, String action,
                         String detail) {
}

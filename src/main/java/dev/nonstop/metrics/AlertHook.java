package dev.nonstop.metrics;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Where a tenant's alerts are also posted, as far as it may be shown once entered: a hint of the address
 * (host and last characters; the address itself is a credential), who set it, and how the last delivery
 * went ({@code lastError} is null after a success, e.g. "HTTP 404" or "unreachable" after a failure).
 */
public record AlertHook(String hint, String setBy, Instant setAt, @Nullable Instant lastSentAt,
                        @Nullable String lastError) {
}

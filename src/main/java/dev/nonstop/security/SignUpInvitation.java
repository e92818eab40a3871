package dev.nonstop.security;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A one-time sign-up link for invitation-only mode, as the admin screen lists it (never the token). */
public record SignUpInvitation(long id, String note, String createdBy, Instant createdAt, Instant expiresAt,
                               @Nullable Instant usedAt, @Nullable String usedBy) {
}

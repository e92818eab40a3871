package dev.nonstop.security;

import dev.nonstop.common.Email;
import dev.nonstop.common.TenantSlug;
import java.time.Instant;

/** A sign-up waiting for an admin, as the admin screen lists it (never the password). */
public record PendingSignUp(long id, Email email, String displayName, String companyName, TenantSlug slug,
                            String clientAddress, Instant requestedAt) {
}

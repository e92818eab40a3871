package dev.nonstop.security;

import dev.nonstop.common.Email;
import java.time.Instant;

/** A member of a tenant, as the settings page lists them. */
public record Member(long userId, Email email, String displayName, Role role, Instant joinedAt) {
}

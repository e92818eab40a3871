package dev.nonstop.security;

import dev.nonstop.common.Email;
import dev.nonstop.common.TenantSlug;

/** A new account and its tenant. */
public record SignUpResult(long userId, Email email, long tenantId, TenantSlug slug) {
}

/**
 * Accounts, sign-up, login (with brute-force throttling), roles and the current user and tenant.
 * Tenant rows themselves belong to the tenant feature, reached through {@link TenantRegistrar}.
 */
@NullMarked
package dev.nonstop.security;

import org.jspecify.annotations.NullMarked;

package dev.nonstop.tenant;

import dev.nonstop.common.TenantSlug;

/** Published when a tenant row is saved (at sign-up); its namespace and limits follow after commit. */
public record TenantCreated(long tenantId, TenantSlug slug) {
}

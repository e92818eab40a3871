package dev.nonstop.tenant;

import dev.nonstop.common.TenantSlug;

/**
 * Published inside the transaction that deletes a tenant, before its namespace goes: until that
 * transaction ends, nothing may put the tenant's objects back (its row is still visible to others).
 */
public record TenantDeleting(long tenantId, TenantSlug slug) {
}

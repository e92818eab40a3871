package dev.nonstop.security;

import dev.nonstop.common.TenantSlug;

/**
 * Creates the tenant row during sign-up, inside the sign-up transaction. Implemented by the tenant
 * feature, so that security does not depend on it while a failed sign-up still leaves nothing half-saved.
 */
public interface TenantRegistrar {

    /** Creates a tenant on the starting tier and returns its id; refuses a slug that is taken. */
    long register(String companyName, TenantSlug slug);

    /** The id of the tenant with this slug, if there is one. */
    java.util.OptionalLong idOf(TenantSlug slug);

    /** Whether a slug is free, to warn on the sign-up form before submitting. */
    boolean isSlugFree(TenantSlug slug);
}

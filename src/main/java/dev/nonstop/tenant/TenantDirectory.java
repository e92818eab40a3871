package dev.nonstop.tenant;

import dev.nonstop.common.TenantSlug;
import dev.nonstop.common.UserError;
import dev.nonstop.tenant.internal.TenantEntity;
import dev.nonstop.tenant.internal.TenantRepository;
import dev.nonstop.tier.TierService;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tenants as the platform's own actors see them — a webhook whose signature was verified, a
 * reconciler — where no user is signed in. Not for views: {@code ArchitectureTest} keeps every
 * {@code ui} package away from it; user-facing code goes through {@link TenantService}, which checks
 * the caller.
 */
@Component
public class TenantDirectory {

    private final TenantRepository tenants;
    private final TierService tiers;
    private final dev.nonstop.tenant.internal.QuotaReader quotas;

    TenantDirectory(TenantRepository tenants, TierService tiers, dev.nonstop.tenant.internal.QuotaReader quotas) {
        this.tenants = tenants;
        this.tiers = tiers;
        this.quotas = quotas;
    }

    /** The tenant's live quota usage, from the informer. */
    public java.util.List<QuotaUsage> usage(TenantSlug slug) {
        return quotas.usage(slug);
    }

    /** The id of the tenant with this slug (namespace {@code t-<slug>}), if there is one. */
    @Transactional(readOnly = true)
    public java.util.Optional<Long> idOf(String slug) {
        return tenants.findBySlug(slug).map(TenantEntity::id);
    }

    @Transactional(readOnly = true)
    public TenantInfo info(long tenantId) {
        TenantEntity t = tenants.findById(tenantId).orElseThrow(() -> new UserError("tenant.not-found"));
        return new TenantInfo(t.id(), new TenantSlug(t.slug()), t.name(), tiers.byId(t.tierId()), t.createdAt());
    }
}

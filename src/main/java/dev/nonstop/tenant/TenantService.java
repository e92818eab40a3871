package dev.nonstop.tenant;

import dev.nonstop.audit.AuditLog;
import dev.nonstop.common.AccessDenied;
import dev.nonstop.common.TenantSlug;
import dev.nonstop.common.UserError;
import dev.nonstop.kube.Applier;
import dev.nonstop.security.AccountService;
import dev.nonstop.security.Caller;
import dev.nonstop.security.CurrentUser;
import dev.nonstop.tenant.internal.InvitationRepository;
import dev.nonstop.tenant.internal.NamespaceInventory;
import dev.nonstop.tenant.internal.QuotaReader;
import dev.nonstop.tenant.internal.TenantEntity;
import dev.nonstop.tenant.internal.TenantImpact;
import dev.nonstop.tenant.internal.TenantRepository;
import dev.nonstop.tenant.internal.UsageNotifier;
import dev.nonstop.tenant.manifest.TenantNamespace;
import dev.nonstop.tier.DowngradeRefused;
import dev.nonstop.tier.QuotaOverage;
import dev.nonstop.tier.Tier;
import dev.nonstop.tier.TierCode;
import dev.nonstop.tier.TierService;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A tenant's own view of itself (tier, quota usage), the platform admin's view of all tenants, tier
 * changes, and deleting a tenant. Every method checks the caller against the tenant it touches.
 */
@Service
public class TenantService {

    private final TenantRepository tenants;
    private final InvitationRepository invitations;
    private final TierService tiers;
    private final AccountService accounts;
    private final Caller caller;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final QuotaReader quotas;
    private final TenantImpact impact;
    private final UsageNotifier notifier;
    private final Applier applier;
    private final NamespaceInventory inventory;

    TenantService(TenantRepository tenants, InvitationRepository invitations, TierService tiers,
                  AccountService accounts, Caller caller, AuditLog audit, ApplicationEventPublisher events,
                  QuotaReader quotas, TenantImpact impact, UsageNotifier notifier, Applier applier,
                  NamespaceInventory inventory) {
        this.tenants = tenants;
        this.invitations = invitations;
        this.tiers = tiers;
        this.accounts = accounts;
        this.caller = caller;
        this.audit = audit;
        this.events = events;
        this.quotas = quotas;
        this.impact = impact;
        this.notifier = notifier;
        this.applier = applier;
        this.inventory = inventory;
    }

    /** The caller's own tenant. */
    @Transactional(readOnly = true)
    public TenantInfo current() {
        return info(caller.require().tenantId());
    }

    /** A tenant by id: the caller's own, or any for a platform admin. */
    @Transactional(readOnly = true)
    public TenantInfo byId(long tenantId) {
        caller.requireTenant(tenantId);
        return info(tenantId);
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public List<TenantSummary> all() {
        caller.requireAdmin();
        Map<Long, Long> members = accounts.memberCounts();
        Map<Long, TierCode> tierCodes = tierCodesById();
        return tenants.findAllByOrderByCreatedAtDesc().stream()
                .map(t -> {
                    TenantSlug slug = new TenantSlug(t.slug());
                    List<QuotaUsage> usage = quotas.usage(slug);
                    return new TenantSummary(t.id(), slug, t.name(), tierCodes.get(t.tierId()),
                            members.getOrDefault(t.id(), 0L), t.createdAt(),
                            usage.stream().mapToInt(QuotaUsage::percent).max().orElse(0), usage);
                })
                .toList();
    }

    /** Used and hard per quota resource, live from the cluster; empty until the namespace exists. */
    public List<QuotaUsage> usage(long tenantId) {
        caller.requireTenant(tenantId);
        return quotas.usage(slugOf(tenantId));
    }

    /** Calls {@code onChange} whenever the tenant's quota usage changes; run the returned action to stop. */
    public Runnable subscribeUsage(long tenantId, Runnable onChange) {
        caller.requireTenant(tenantId);
        return notifier.subscribe(slugOf(tenantId).namespace(), onChange);
    }

    /** As {@link #subscribeUsage}, for every tenant: platform admins only. */
    public Runnable subscribeAllUsage(Runnable onChange) {
        caller.requireAdmin();
        return notifier.subscribe(UsageNotifier.ALL, onChange);
    }

    /** Moves a tenant to another tier. Platform admins only; audited. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public TenantInfo changeTier(long tenantId, TierCode target) {
        return changeTier(tenantId, target, false);
    }

    /**
     * Moves a tenant to another tier. A move whose quota the tenant's running apps would exceed is
     * refused with the numbers ({@link DowngradeRefused}) unless {@code scaleDown} confirms scaling
     * those apps down to fit. Platform admins only; audited.
     */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public TenantInfo changeTier(long tenantId, TierCode target, boolean scaleDown) {
        CurrentUser admin = caller.requireAdmin();
        TenantEntity tenant = entity(tenantId);
        Tier to = tiers.byCode(target);
        TenantSlug slug = new TenantSlug(tenant.slug());
        List<QuotaOverage> overages = quotas.overages(slug, to.limits());
        if (!overages.isEmpty()) {
            if (!scaleDown) {
                throw new DowngradeRefused(overages);
            }
            List<String> scaled = impact.scaleDownToFit(slug, to.limits());
            audit.record(tenant.slug(), "tenant.downgrade.scaled", admin.email() + " scaled " + String.join(", ",
                    scaled));
        }
        moveToTier(tenant, to, admin.email().value());
        return info(tenantId);
    }

    /** Moves the tenant and publishes the change (its quota follows); for admins and approved upgrades. */
    void moveToTier(TenantEntity tenant, Tier to, String by) {
        Tier from = tiers.byId(tenant.tierId());
        if (from.code() == to.code()) {
            return;
        }
        tenant.moveToTier(to.id());
        tenants.save(tenant);
        audit.record(tenant.slug(), "tenant.tier.changed", by + " moved " + tenant.slug() + " from " + from.code()
                + " to " + to.code());
        events.publishEvent(new TenantTierChanged(tenant.id(), new TenantSlug(tenant.slug()), from.code(),
                to.code()));
    }

    /**
     * Deletes a tenant: its namespace and everything in it, its accounts, invitations and row. The
     * caller types the tenant's name to confirm. Its owner or a platform admin only; audited. If the
     * cluster refuses, nothing is deleted.
     */
    @Transactional
    public TenantDeletion delete(long tenantId, String typedName) {
        CurrentUser by = caller.requireTenant(tenantId);
        if (!by.admin() && !by.isOwner()) {
            throw new AccessDenied();
        }
        TenantEntity tenant = entity(tenantId);
        if (typedName == null || !typedName.strip().equals(tenant.name())) {
            throw new UserError("tenant.delete.name-mismatch", tenant.name());
        }
        TenantSlug slug = new TenantSlug(tenant.slug());
        int removedAccounts = accounts.removeTenantAccounts(tenantId);
        var pending = invitations.findByTenantId(tenantId);
        invitations.deleteAll(pending);
        Map<String, Integer> objects = inventory.count(slug.namespace());
        events.publishEvent(new TenantDeleting(tenantId, slug));
        try {
            applier.delete(TenantNamespace.of(slug));
        } catch (RuntimeException clusterDown) {
            throw new UserError("tenant.delete.cluster-failed", clusterDown.getMessage());
        }
        tenants.delete(tenant);
        TenantDeletion deletion = new TenantDeletion(tenant.slug(), slug.namespace(), objects, removedAccounts,
                pending.size());
        audit.record(tenant.slug(), "tenant.deleted", by.email() + " deleted " + tenant.slug() + ": namespace "
                + slug.namespace() + " with " + objects + ", " + removedAccounts + " accounts, " + pending.size()
                + " invitations");
        return deletion;
    }

    TenantEntity entity(long tenantId) {
        return tenants.findById(tenantId).orElseThrow(() -> new UserError("tenant.not-found"));
    }

    private TenantSlug slugOf(long tenantId) {
        return new TenantSlug(entity(tenantId).slug());
    }

    private TenantInfo info(long tenantId) {
        TenantEntity t = entity(tenantId);
        return new TenantInfo(t.id(), new TenantSlug(t.slug()), t.name(), tiers.byId(t.tierId()), t.createdAt());
    }

    private Map<Long, TierCode> tierCodesById() {
        return tiers.all().stream().collect(java.util.stream.Collectors.toMap(Tier::id, Tier::code));
    }
}

package dev.nonstop.tenant;

import dev.nonstop.audit.AuditLog;
import dev.nonstop.common.TenantSlug;
import dev.nonstop.common.UserError;
import dev.nonstop.security.AccountService;
import dev.nonstop.security.Caller;
import dev.nonstop.security.CurrentUser;
import dev.nonstop.tenant.internal.TenantEntity;
import dev.nonstop.tenant.internal.TenantRepository;
import dev.nonstop.tier.Tier;
import dev.nonstop.tier.TierCode;
import dev.nonstop.tier.TierService;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A tenant's own view of itself, and the platform admin's view of all tenants. */
@Service
public class TenantService {

    private final TenantRepository tenants;
    private final TierService tiers;
    private final AccountService accounts;
    private final Caller caller;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    TenantService(TenantRepository tenants, TierService tiers, AccountService accounts, Caller caller, AuditLog audit,
                  ApplicationEventPublisher events) {
        this.tenants = tenants;
        this.tiers = tiers;
        this.accounts = accounts;
        this.caller = caller;
        this.audit = audit;
        this.events = events;
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
        Map<Long, Long> members = accounts.memberCounts();
        Map<Long, TierCode> tierCodes = tierCodesById();
        return tenants.findAllByOrderByCreatedAtDesc().stream()
                .map(t -> new TenantSummary(t.id(), new TenantSlug(t.slug()), t.name(), tierCodes.get(t.tierId()),
                        members.getOrDefault(t.id(), 0L), t.createdAt()))
                .toList();
    }

    /** Moves a tenant to another tier. Platform admins only; audited. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public TenantInfo changeTier(long tenantId, TierCode target) {
        CurrentUser admin = caller.requireAdmin();
        TenantEntity tenant = tenants.findById(tenantId).orElseThrow(() -> new UserError("tenant.not-found"));
        Tier from = tiers.byId(tenant.tierId());
        if (from.code() == target) {
            return info(tenantId);
        }
        tenant.moveToTier(tiers.byCode(target).id());
        audit.record(tenant.slug(), "tenant.tier.changed", admin.email() + " moved " + tenant.slug()
                + " from " + from.code() + " to " + target);
        events.publishEvent(new TenantTierChanged(tenantId, new TenantSlug(tenant.slug()), from.code(), target));
        return info(tenantId);
    }

    private TenantInfo info(long tenantId) {
        TenantEntity t = tenants.findById(tenantId).orElseThrow(() -> new UserError("tenant.not-found"));
        return new TenantInfo(t.id(), new TenantSlug(t.slug()), t.name(), tiers.byId(t.tierId()), t.createdAt());
    }

    private Map<Long, TierCode> tierCodesById() {
        return tiers.all().stream().collect(java.util.stream.Collectors.toMap(Tier::id, Tier::code));
    }
}

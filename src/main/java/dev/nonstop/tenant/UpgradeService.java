package dev.nonstop.tenant;

import dev.nonstop.audit.AuditLog;
import dev.nonstop.common.Text;
import dev.nonstop.common.UserError;
import dev.nonstop.security.Caller;
import dev.nonstop.security.CurrentUser;
import dev.nonstop.tenant.internal.TenantEntity;
import dev.nonstop.tenant.internal.UpgradeRequestEntity;
import dev.nonstop.tenant.internal.UpgradeRequestRepository;
import dev.nonstop.tier.Tier;
import dev.nonstop.tier.TierCode;
import dev.nonstop.tier.TierService;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Upgrade requests: an OWNER asks for the paid tier, and a decider says yes or no. Admins decide
 * today ({@link #approve}, {@link #deny}); every decision goes through {@link #decide}, so a payment
 * provider confirming a payment can approve in the same way later. Everything is audited.
 */
@Service
public class UpgradeService {

    public static final int MAX_NOTE = 500;

    private final UpgradeRequestRepository requests;
    private final TenantService tenants;
    private final TierService tiers;
    private final Caller caller;
    private final AuditLog audit;
    private final Clock clock;

    UpgradeService(UpgradeRequestRepository requests, TenantService tenants, TierService tiers, Caller caller,
                   AuditLog audit, Clock clock) {
        this.requests = requests;
        this.tenants = tenants;
        this.tiers = tiers;
        this.caller = caller;
        this.audit = audit;
        this.clock = clock;
    }

    /** The caller's tenant asks for PAID. Owners only; one open request at a time. */
    @Transactional
    public UpgradeRequest request(String note) {
        CurrentUser owner = caller.requireOwner();
        TenantEntity tenant = tenants.entity(owner.tenantId());
        if (tiers.byId(tenant.tierId()).code() == TierCode.PAID) {
            throw new UserError("upgrade.already-paid");
        }
        if (requests.existsByTenantIdAndState(tenant.id(), UpgradeState.PENDING)) {
            throw new UserError("upgrade.already-pending");
        }
        String cleanNote = Text.optional("field.note", note, MAX_NOTE);
        UpgradeRequestEntity saved = requests.save(new UpgradeRequestEntity(tenant.id(), TierCode.PAID,
                owner.email().value(), clock.instant(), cleanNote));
        audit.record(tenant.slug(), "upgrade.requested", owner.email() + " asked for " + TierCode.PAID);
        return saved.toRecord(tenant.slug());
    }

    /** The latest request of the caller's tenant, if any (the settings page shows its state). */
    @Transactional(readOnly = true)
    public Optional<UpgradeRequest> latest() {
        CurrentUser user = caller.require();
        return latestOf(user.tenantId());
    }

    /** The latest request of a tenant: its members or a platform admin. */
    @Transactional(readOnly = true)
    public Optional<UpgradeRequest> latestOf(long tenantId) {
        caller.requireTenant(tenantId);
        String slug = tenants.entity(tenantId).slug();
        return requests.findFirstByTenantIdOrderByRequestedAtDescIdDesc(tenantId).map(r -> r.toRecord(slug));
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public List<UpgradeRequest> pending() {
        caller.requireAdmin();
        return requests.findByStateOrderByRequestedAtAsc(UpgradeState.PENDING).stream()
                .map(r -> r.toRecord(tenants.entity(r.tenantId()).slug())).toList();
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public UpgradeRequest approve(long requestId) {
        CurrentUser admin = caller.requireAdmin();
        return decide(requestId, UpgradeState.APPROVED, UpgradeDecider.admin(admin.email().value()), null);
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public UpgradeRequest deny(long requestId, String reason) {
        CurrentUser admin = caller.requireAdmin();
        String why = Text.optional("field.reason", reason, MAX_NOTE);
        if (why.isBlank()) {
            throw new UserError("upgrade.deny.reason-required");
        }
        return decide(requestId, UpgradeState.DENIED, UpgradeDecider.admin(admin.email().value()), why);
    }

    /**
     * Settles a pending request: approved moves the tenant to the requested tier (its quota follows at
     * once); denied keeps it where it is. The decider is recorded and audited. An admin decider must be
     * the signed-in admin; a payment decider is only accepted outside any user session (a verified
     * payment event handled by the platform), so no signed-in user can pose as a payment provider.
     */
    @Transactional
    public UpgradeRequest decide(long requestId, UpgradeState outcome, UpgradeDecider decider, @Nullable String why) {
        if (decider.kind() == UpgradeDecider.Kind.ADMIN) {
            if (!caller.requireAdmin().email().value().equals(decider.who())) {
                throw new dev.nonstop.common.AccessDenied();
            }
        } else if (caller.find().isPresent()) {
            throw new dev.nonstop.common.AccessDenied();
        }
        if (outcome == UpgradeState.PENDING) {
            throw new IllegalArgumentException("a decision approves or denies");
        }
        UpgradeRequestEntity request = requests.findById(requestId)
                .orElseThrow(() -> new UserError("upgrade.not-found"));
        if (request.state() != UpgradeState.PENDING) {
            throw new UserError("upgrade.already-decided", request.state().name());
        }
        TenantEntity tenant = tenants.entity(request.tenantId());
        request.decide(outcome, decider.toString(), clock.instant(), why);
        requests.save(request);
        if (outcome == UpgradeState.APPROVED) {
            Tier target = tiers.byCode(request.targetTier());
            tenants.moveToTier(tenant, target, decider.toString());
        }
        audit.record(tenant.slug(), "upgrade." + outcome.name().toLowerCase(java.util.Locale.ROOT),
                decider + " " + outcome.name().toLowerCase(java.util.Locale.ROOT) + " the request for "
                        + request.targetTier() + (why == null ? "" : ": " + why));
        return request.toRecord(tenant.slug());
    }
}

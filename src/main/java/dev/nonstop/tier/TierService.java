package dev.nonstop.tier;

import dev.nonstop.audit.AuditLog;
import dev.nonstop.common.UserError;
import dev.nonstop.tier.internal.TierEntity;
import dev.nonstop.tier.internal.TierRepository;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads the tier catalogue (anyone signed in) and changes it (platform admins only). */
@Service
public class TierService {

    private final TierRepository tiers;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final ObjectProvider<TierImpact> impact;

    TierService(TierRepository tiers, AuditLog audit, ApplicationEventPublisher events,
                ObjectProvider<TierImpact> impact) {
        this.tiers = tiers;
        this.audit = audit;
        this.events = events;
        this.impact = impact;
    }

    /** How many tenants a change of this tier's limits would affect, to show before saving. */
    @PreAuthorize("hasRole('ADMIN')")
    public int tenantsOn(TierCode code) {
        TierImpact tenants = impact.getIfAvailable();
        return tenants == null ? 0 : tenants.tenantsOn(code);
    }

    @Transactional(readOnly = true)
    public List<Tier> all() {
        return tiers.findAllByOrderByIdAsc().stream().map(TierEntity::toRecord).toList();
    }

    @Transactional(readOnly = true)
    public Tier byId(long id) {
        return tiers.findById(id).map(TierEntity::toRecord).orElseThrow(() -> new UserError("tier.not-found"));
    }

    @Transactional(readOnly = true)
    public Tier byCode(TierCode code) {
        return tiers.findByCode(code.name()).map(TierEntity::toRecord)
                .orElseThrow(() -> new UserError("tier.not-found"));
    }

    /**
     * Saves new limits after checking every rule. {@code expectedVersion} is the version the admin
     * edited; if someone saved in between, the save is refused rather than silently overwriting.
     */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public Tier updateLimits(TierCode code, TierLimits limits, long expectedVersion) {
        return updateLimits(code, limits, expectedVersion, false);
    }

    /**
     * As {@link #updateLimits(TierCode, TierLimits, long)}; new limits that running apps would exceed
     * are refused with the numbers ({@link DowngradeRefused}) unless {@code scaleDown} confirms scaling
     * those apps down to fit.
     */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public Tier updateLimits(TierCode code, TierLimits limits, long expectedVersion, boolean scaleDown) {
        List<TierLimits.Problem> problems = limits.problems();
        if (!problems.isEmpty()) {
            throw new InvalidTierLimits(problems);
        }
        TierEntity entity = tiers.findByCode(code.name()).orElseThrow(() -> new UserError("tier.not-found"));
        if (entity.version() != expectedVersion) {
            throw new UserError("tier.changed-meanwhile", code.name());
        }
        TierLimits before = entity.toRecord().limits();
        TierImpact tenants = impact.getIfAvailable();
        List<QuotaOverage> overages = tenants == null ? List.of() : tenants.overages(code, limits);
        if (!overages.isEmpty()) {
            if (!scaleDown) {
                throw new DowngradeRefused(overages);
            }
            List<String> scaled = tenants.scaleDownToFit(code, limits);
            audit.record(null, "tier.downgrade.scaled", code + ": " + String.join("; ", scaled));
        }
        entity.apply(limits);
        tiers.saveAndFlush(entity);
        audit.record(null, "tier.limits.changed", code + ": " + before + " -> " + limits);
        events.publishEvent(new TierLimitsChanged(code, limits));
        return entity.toRecord();
    }
}

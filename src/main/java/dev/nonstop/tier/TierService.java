package dev.nonstop.tier;

import dev.nonstop.audit.AuditLog;
import dev.nonstop.common.UserError;
import dev.nonstop.tier.internal.TierEntity;
import dev.nonstop.tier.internal.TierRepository;
import java.util.List;
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

    TierService(TierRepository tiers, AuditLog audit, ApplicationEventPublisher events) {
        this.tiers = tiers;
        this.audit = audit;
        this.events = events;
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
        List<TierLimits.Problem> problems = limits.problems();
        if (!problems.isEmpty()) {
            throw new InvalidTierLimits(problems);
        }
        TierEntity entity = tiers.findByCode(code.name()).orElseThrow(() -> new UserError("tier.not-found"));
        if (entity.version() != expectedVersion) {
            throw new UserError("tier.changed-meanwhile", code.name());
        }
        TierLimits before = entity.toRecord().limits();
        entity.apply(limits);
        tiers.saveAndFlush(entity);
        audit.record(null, "tier.limits.changed", code + ": " + before + " -> " + limits);
        events.publishEvent(new TierLimitsChanged(code, limits));
        return entity.toRecord();
    }
}

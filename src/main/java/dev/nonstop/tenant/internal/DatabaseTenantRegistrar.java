package dev.nonstop.tenant.internal;

import dev.nonstop.common.TenantSlug;
import dev.nonstop.common.UserError;
import dev.nonstop.security.TenantRegistrar;
import dev.nonstop.tenant.TenantCreated;
import dev.nonstop.tier.TierCode;
import dev.nonstop.tier.TierService;
import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Creates tenant rows for sign-up, inside the sign-up transaction. New tenants start on FREE. */
@Component
class DatabaseTenantRegistrar implements TenantRegistrar {

    private final TenantRepository tenants;
    private final TierService tiers;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    DatabaseTenantRegistrar(TenantRepository tenants, TierService tiers, Clock clock, ApplicationEventPublisher events) {
        this.tenants = tenants;
        this.tiers = tiers;
        this.clock = clock;
        this.events = events;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public long register(String companyName, TenantSlug slug) {
        if (tenants.existsBySlug(slug.value())) {
            throw new UserError("error.slug.taken", slug.value());
        }
        long tierId = tiers.byCode(TierCode.FREE).id();
        try {
            long id = tenants.saveAndFlush(new TenantEntity(slug.value(), companyName, tierId, clock.instant())).id();
            events.publishEvent(new TenantCreated(id, slug));
            return id;
        } catch (DataIntegrityViolationException raced) {
            throw new UserError("error.slug.taken", slug.value());
        }
    }

    @Override
    @Transactional(readOnly = true)
    public java.util.OptionalLong idOf(TenantSlug slug) {
        return tenants.findBySlug(slug.value()).map(t -> java.util.OptionalLong.of(t.id()))
                .orElse(java.util.OptionalLong.empty());
    }

    @Override
    @Transactional(readOnly = true)
    public boolean isSlugFree(TenantSlug slug) {
        return !tenants.existsBySlug(slug.value());
    }
}

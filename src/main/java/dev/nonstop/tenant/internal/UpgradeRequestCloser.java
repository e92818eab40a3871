package dev.nonstop.tenant.internal;

import dev.nonstop.tenant.TenantTierChanged;
import dev.nonstop.tenant.UpgradeState;
import java.time.Clock;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A tenant's plan changed (an admin moved it, or an upgrade was approved): a request still pending for
 * it is settled in the same transaction — approved when the tenant now has what it asked for, closed
 * otherwise — so no request waits for a decision that was already taken.
 */
@Component
class UpgradeRequestCloser {

    static final String CLOSED = "upgrade.closed-by-tier-change";
    private final UpgradeRequestRepository requests;
    private final Clock clock;

    UpgradeRequestCloser(UpgradeRequestRepository requests, Clock clock) {
        this.requests = requests;
        this.clock = clock;
    }

    @EventListener
    void on(TenantTierChanged changed) {
        requests.findByStateOrderByRequestedAtAsc(UpgradeState.PENDING).stream()
                .filter(r -> r.tenantId() == changed.tenantId())
                .forEach(r -> r.decide(r.targetTier() == changed.to() ? UpgradeState.APPROVED : UpgradeState.DENIED,
                        "tier change", clock.instant(), CLOSED));
    }
}

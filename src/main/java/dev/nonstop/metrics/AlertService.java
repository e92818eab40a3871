package dev.nonstop.metrics;

import dev.nonstop.app.App;
import dev.nonstop.app.AppService;
import dev.nonstop.audit.AuditLog;
import dev.nonstop.common.NotFound;
import dev.nonstop.common.UserError;
import dev.nonstop.metrics.internal.AlertBook;
import dev.nonstop.metrics.internal.AlertEntity;
import dev.nonstop.metrics.internal.AlertMutes;
import dev.nonstop.metrics.internal.AlertRepository;
import dev.nonstop.security.Caller;
import dev.nonstop.tenant.TenantInfo;
import dev.nonstop.tenant.TenantService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The caller's own alerts: what is firing, the history, acknowledging one, muting an app's. The tenant
 * always comes from the signed-in caller; another tenant's alert or app is "not found".
 */
@Service
public class AlertService {

    public static final int HISTORY = 100;
    /** The longest an app's alerts can be muted at once. */
    public static final Duration MAX_MUTE = Duration.ofDays(7);

    private final AlertBook book;
    private final AlertRepository alerts;
    private final AlertMutes mutes;
    private final TenantService tenants;
    private final AppService apps;
    private final Caller caller;
    private final AuditLog audit;
    private final Clock clock;

    AlertService(AlertBook book, AlertRepository alerts, AlertMutes mutes, TenantService tenants, AppService apps,
                 Caller caller, AuditLog audit, Clock clock) {
        this.book = book;
        this.alerts = alerts;
        this.mutes = mutes;
        this.tenants = tenants;
        this.apps = apps;
        this.caller = caller;
        this.audit = audit;
        this.clock = clock;
    }

    /** The caller's tenant's open alerts, newest first. */
    public List<Alert> firing() {
        return book.open(tenants.current().id());
    }

    /** One app's open alerts, newest first (empty while the app is muted, see {@link #mutedUntil}). */
    public List<Alert> firing(long appId) {
        App app = apps.get(appId);
        long tenant = tenants.current().id();
        if (mutes.until(tenant, app.name(), clock.instant()).isPresent()) {
            return List.of();
        }
        return book.open(tenant).stream().filter(a -> app.name().equals(a.app())).toList();
    }

    /** The last {@value #HISTORY} alerts of the caller's tenant, open and resolved, newest first. */
    @Transactional(readOnly = true)
    public List<Alert> history() {
        return alerts.findByTenantIdOrderByIdDesc(tenants.current().id(), Limit.of(HISTORY)).stream()
                .map(AlertEntity::toRecord).toList();
    }

    /** Marks an alert as seen by the caller ("someone is on it"); it stays open until its cause is gone. */
    @Transactional
    public Alert acknowledge(long alertId) {
        var user = caller.require();
        TenantInfo tenant = tenants.current();
        Alert acknowledged = book.acknowledge(tenant.id(), alertId, user.email().value(), clock.instant())
                .orElseThrow(() -> new NotFound("alert.not-found"));
        audit.record(tenant.slug().value(), "alert.acknowledged", user.email() + " acknowledged alert " + alertId
                + " (" + acknowledged.kind() + (acknowledged.app() == null ? "" : " of " + acknowledged.app()) + ")");
        return acknowledged;
    }

    /** Mutes an app's alerts for a while (at most {@link #MAX_MUTE}): still recorded, not shown on its card. */
    @Transactional
    public Instant mute(long appId, Duration duration) {
        if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_MUTE) > 0) {
            throw new UserError("alert.mute.duration", MAX_MUTE.toDays());
        }
        var user = caller.require();
        App app = apps.get(appId);
        TenantInfo tenant = tenants.current();
        Instant until = clock.instant().plus(duration);
        mutes.mute(tenant.id(), app.name(), until, user.email().value());
        audit.record(tenant.slug().value(), "alert.muted", user.email() + " muted the alerts of " + app.name()
                + " until " + until);
        return until;
    }

    @Transactional
    public void unmute(long appId) {
        var user = caller.require();
        App app = apps.get(appId);
        TenantInfo tenant = tenants.current();
        mutes.unmute(tenant.id(), app.name());
        audit.record(tenant.slug().value(), "alert.unmuted", user.email() + " unmuted the alerts of " + app.name());
    }

    /** Until when an app's alerts are muted, if they are. */
    public Optional<Instant> mutedUntil(long appId) {
        App app = apps.get(appId);
        return mutes.until(tenants.current().id(), app.name(), clock.instant());
    }
}

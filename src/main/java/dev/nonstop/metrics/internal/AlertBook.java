package dev.nonstop.metrics.internal;

import dev.nonstop.metrics.Alert;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where alerts are opened and resolved, by the state evaluator and the Alertmanager webhook alike. An
 * alert is identified by its fingerprint while open: opening it again, or resolving it twice, changes
 * nothing (the unique index on open fingerprints holds even between two writers). Open alerts per
 * tenant are kept in memory between changes, so card badges do not ask the database every refresh.
 */
@Component
public class AlertBook {

    private final AlertRepository alerts;
    private final TransactionTemplate tx;
    private final Map<Long, List<Alert>> openByTenant = new ConcurrentHashMap<>();
    private final AlertNotifier notifier;

    AlertBook(AlertRepository alerts, TransactionTemplate tx, AlertNotifier notifier) {
        this.alerts = alerts;
        this.tx = tx;
        this.notifier = notifier;
    }

    /** Opens the alert unless one with this fingerprint is open. Returns whether it was opened. */
    boolean open(long tenantId, @Nullable String app, Alert.Source source, String kind, Alert.Severity severity,
                 String fingerprint, String detail, Instant at) {
        try {
            Alert opened = tx.execute(status -> {
                if (alerts.findByOpenFingerprint(fingerprint).isPresent()) {
                    return null;
                }
                return alerts.saveAndFlush(new AlertEntity(tenantId, app, source, kind, severity, fingerprint, detail,
                        at)).toRecord();
            });
            if (opened != null) {
                openByTenant.remove(tenantId);
                notifier.changed(tenantId, opened);
            }
            return opened != null;
        } catch (DataIntegrityViolationException openedMeanwhile) {
            return false;
        }
    }

    /** Resolves the open alert with this fingerprint, if there is one. */
    boolean resolve(String fingerprint, Instant at) {
        AlertEntity resolved = tx.execute(status -> alerts.findByOpenFingerprint(fingerprint).map(alert -> {
            alert.resolve(at);
            return alert;
        }).orElse(null));
        if (resolved != null) {
            openByTenant.remove(resolved.tenantId());
            notifier.changed(resolved.tenantId(), resolved.toRecord());
        }
        return resolved != null;
    }

    /** The open alerts found by one source, for its evaluator to compare with what it finds now. */
    List<AlertEntity> openFrom(Alert.Source source) {
        return alerts.findBySourceAndResolvedAtIsNull(source);
    }

    /** A tenant's open alerts, newest first (kept until the next change). */
    public List<Alert> open(long tenantId) {
        return openByTenant.computeIfAbsent(tenantId, id -> tx.execute(status ->
                alerts.findByTenantIdAndResolvedAtIsNullOrderByIdDesc(id).stream().map(AlertEntity::toRecord)
                        .toList()));
    }

    /** Marks a tenant's alert as acknowledged (the first acknowledgement stays); empty when it has no such alert. */
    public java.util.Optional<Alert> acknowledge(long tenantId, long alertId, String by, Instant at) {
        var acknowledged = tx.execute(status -> alerts.findByIdAndTenantId(alertId, tenantId).map(alert -> {
            alert.acknowledge(by, at);
            return alert.toRecord();
        }));
        openByTenant.remove(tenantId);
        return acknowledged == null ? java.util.Optional.empty() : acknowledged;
    }

    static String fingerprint(Object... parts) {
        StringBuilder joined = new StringBuilder();
        for (Object part : parts) {
            joined.append(part).append('\u0000');
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(joined.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

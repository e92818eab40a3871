package dev.nonstop.metrics.internal;

import dev.nonstop.common.Message;
import dev.nonstop.metrics.Alert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One alert's row: open while {@code resolvedAt} is null, when {@code openFingerprint} holds its fingerprint. */
@Entity
@Table(name = "alerts")
public class AlertEntity {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The rules shipped in monitoring/prometheus that the portal words itself; others show their summary. */
    static final java.util.Set<String> KNOWN_RULES = java.util.Set.of("NonstopAppErrorsHigh", "NonstopAppSlow",
            "NonstopAppMemoryNearLimit", "NonstopAppCpuThrottled");

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;
    private long tenantId;
    private @Nullable String appName;
    @Enumerated(EnumType.STRING)
    private Alert.Source source = Alert.Source.STATE;
    private String kind = "";
    @Enumerated(EnumType.STRING)
    private Alert.Severity severity = Alert.Severity.WARNING;
    private String fingerprint = "";
    /** The text's arguments as a JSON array of strings (state alerts), or Prometheus' summary. */
    private String detail = "";
    private Instant startedAt = Instant.EPOCH;
    private @Nullable Instant resolvedAt;
    private @Nullable Instant acknowledgedAt;
    private @Nullable String acknowledgedBy;
    private @Nullable String openFingerprint;

    protected AlertEntity() {
    }

    AlertEntity(long tenantId, @Nullable String appName, Alert.Source source, String kind, Alert.Severity severity,
                String fingerprint, String detail, Instant startedAt) {
        this.tenantId = tenantId;
        this.appName = appName;
        this.source = source;
        this.kind = kind;
        this.severity = severity;
        this.fingerprint = fingerprint;
        this.detail = detail.length() > 500 ? detail.substring(0, 499) + "…" : detail;
        this.startedAt = startedAt;
        this.openFingerprint = fingerprint;
    }

    void resolve(Instant at) {
        resolvedAt = at;
        openFingerprint = null;
    }

    void acknowledge(String by, Instant at) {
        if (acknowledgedAt == null) {
            acknowledgedAt = at;
            acknowledgedBy = by;
        }
    }

    long tenantId() {
        return tenantId;
    }

    @Nullable String appName() {
        return appName;
    }

    String fingerprint() {
        return fingerprint;
    }

    Alert.Source source() {
        return source;
    }

    public Alert toRecord() {
        return new Alert(id == null ? 0 : id, appName, source, kind, severity, text(), startedAt, resolvedAt,
                acknowledgedAt, acknowledgedBy);
    }

    private Message text() {
        if (source == Alert.Source.PROMETHEUS) {
            return Message.of("alert.prometheus." + (KNOWN_RULES.contains(kind) ? kind : "other"),
                    appName == null ? "" : appName, detail, kind);
        }
        List<Object> args = new ArrayList<>();
        args.add(appName == null ? "" : appName);
        try {
            for (JsonNode arg : JSON.readTree(detail)) {
                args.add(arg.asString());
            }
        } catch (RuntimeException notJson) {
            args.add(detail);
        }
        if (Alert.StateKind.QUOTA_NEAR.name().equals(kind) && args.size() > 1) {
            args.set(1, Message.of("quota.resource." + args.get(1)));
        }
        return new Message("alert.state." + kind, args);
    }

    static String args(Object... args) {
        var array = JSON.createArrayNode();
        for (Object arg : args) {
            array.add(String.valueOf(arg));
        }
        return array.toString();
    }
}

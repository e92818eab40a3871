package dev.nonstop.metrics.internal;

import dev.nonstop.metrics.Alert;
import dev.nonstop.tenant.TenantDirectory;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes Alertmanager's webhook posts (payload version 4): the whole body is checked before anything is
 * stored, so a malformed post stores nothing. Alerts of namespaces that are no tenant's are ignored, as
 * are the rules that repeat what the portal finds in the cluster's state itself (crash loops, replicas,
 * rollouts, quota): those are for the platform's own routing. Identity comes from the alert's labels,
 * never from the sender's fingerprint.
 */
@Component
public class AlertmanagerIntake {

    public static final int MAX_BODY = 1024 * 1024;
    static final int MAX_ALERTS = 1000;
    static final Set<String> FOUND_BY_THE_PORTAL = Set.of("NonstopAppCrashLooping", "NonstopAppNotRedundant",
            "NonstopRolloutStalled", "NonstopQuotaNearlyUsed");
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern ALERT_NAME = Pattern.compile("[A-Za-z_:][A-Za-z0-9_:]{0,199}");
    private static final Logger log = LoggerFactory.getLogger(AlertmanagerIntake.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AlertBook book;
    private final TenantDirectory tenants;
    private final Clock clock;

    AlertmanagerIntake(AlertBook book, TenantDirectory tenants, Clock clock) {
        this.book = book;
        this.tenants = tenants;
        this.clock = clock;
    }

    /** The answer to a post: an HTTP status and a line for Alertmanager's log. */
    public record Outcome(int status, String message) {
    }

    private record Received(boolean firing, Map<String, String> labels, String summary, Instant startsAt,
                            @Nullable Instant endsAt) {
    }

    public Outcome receive(byte[] body) {
        List<Received> received;
        try {
            received = parse(body);
        } catch (IllegalArgumentException | JacksonException bad) {
            return new Outcome(400, "not an Alertmanager webhook payload (version 4): " + bad.getMessage());
        }
        int taken = 0;
        int ignored = 0;
        for (Received alert : received) {
            if (take(alert)) {
                taken++;
            } else {
                ignored++;
            }
        }
        log.debug("Alertmanager post: {} alerts taken, {} ignored", taken, ignored);
        return new Outcome(200, taken + " alerts taken, " + ignored + " ignored");
    }

    private boolean take(Received alert) {
        String name = alert.labels().get("alertname");
        String namespace = alert.labels().getOrDefault("namespace", "");
        if (FOUND_BY_THE_PORTAL.contains(name) || !namespace.startsWith("t-")) {
            return false;
        }
        Optional<Long> tenant = tenants.idOf(namespace.substring(2));
        if (tenant.isEmpty()) {
            return false;
        }
        String app = alert.labels().getOrDefault("app", alert.labels().get("deployment"));
        if (app != null && !NAME.matcher(app).matches()) {
            app = null;
        }
        String fingerprint = AlertBook.fingerprint("PROMETHEUS", new TreeMap<>(alert.labels()));
        if (!alert.firing()) {
            book.resolve(fingerprint, alert.endsAt() == null ? clock.instant() : alert.endsAt());
            return true;
        }
        book.open(tenant.get(), app, Alert.Source.PROMETHEUS, name, severity(alert.labels().get("severity")),
                fingerprint, alert.summary(), alert.startsAt());
        return true;
    }

    private static Alert.Severity severity(@Nullable String label) {
        return switch (label == null ? "" : label.toLowerCase(java.util.Locale.ROOT)) {
            case "critical", "page" -> Alert.Severity.CRITICAL;
            case "info", "none" -> Alert.Severity.INFO;
            default -> Alert.Severity.WARNING;
        };
    }

    private static List<Received> parse(byte[] body) {
        if (body.length > MAX_BODY) {
            throw new IllegalArgumentException("larger than 1 MiB");
        }
        JsonNode root = JSON.readTree(body);
        require(root != null && root.isObject(), "the body is not a JSON object");
        require("4".equals(root.path("version").asString("")), "version is not \"4\"");
        JsonNode alerts = root.path("alerts");
        require(alerts.isArray() && alerts.size() <= MAX_ALERTS, "alerts is not a list of at most " + MAX_ALERTS);
        List<Received> received = new ArrayList<>();
        for (JsonNode alert : alerts) {
            require(alert.isObject(), "an alert is not an object");
            String status = alert.path("status").asString("");
            require(status.equals("firing") || status.equals("resolved"), "an alert's status is not firing or resolved");
            Map<String, String> labels = strings(alert.path("labels"), "labels");
            require(ALERT_NAME.matcher(labels.getOrDefault("alertname", "")).matches(), "an alert has no valid alertname");
            Map<String, String> annotations = alert.has("annotations") ? strings(alert.get("annotations"), "annotations")
                    : Map.of();
            Instant startsAt = instant(alert.path("startsAt").asString(""), "startsAt");
            require(startsAt != null, "an alert has no startsAt");
            Instant endsAt = instant(alert.path("endsAt").asString(""), "endsAt");
            received.add(new Received(status.equals("firing"), labels,
                    annotations.getOrDefault("summary", annotations.getOrDefault("description", "")), startsAt,
                    endsAt));
        }
        return received;
    }

    private static Map<String, String> strings(JsonNode node, String what) {
        require(node.isObject() && node.size() <= 64, what + " is not an object of at most 64 entries");
        Map<String, String> values = new TreeMap<>();
        for (var entry : node.properties()) {
            require(entry.getValue().isString() && entry.getKey().length() <= 200
                    && entry.getValue().asString().length() <= 2000, what + " hold a value that is not a short string");
            values.put(entry.getKey(), entry.getValue().asString());
        }
        return values;
    }

    /** An RFC 3339 time, or null for none (Alertmanager writes 0001-01-01T00:00:00Z for "not ended"). */
    private static @Nullable Instant instant(String text, String what) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            Instant at = java.time.OffsetDateTime.parse(text).toInstant();
            return at.getEpochSecond() <= 0 ? null : at;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(what + " is not an RFC 3339 time");
        }
    }

    private static void require(boolean condition, String reason) {
        if (!condition) {
            throw new IllegalArgumentException(reason);
        }
    }
}

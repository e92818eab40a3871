package dev.nonstop.metrics.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import dev.nonstop.common.UserError;
import dev.nonstop.metrics.Alert;
import dev.nonstop.metrics.AlertService;
import dev.nonstop.uikit.Messages;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Supplier;

/**
 * A list of alerts in words: severity, what happened, since when (and until when, once resolved), who
 * acknowledged it, and an "Acknowledge" button on open ones. Redrawn only when the alerts change.
 */
final class AlertList extends Div {

    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final AlertService alerts;
    private final Supplier<List<Alert>> source;
    private final String emptyKey;
    private List<Alert> shown = List.of();

    AlertList(String id, AlertService alerts, Supplier<List<Alert>> source, String emptyKey, Duration refresh) {
        this.alerts = alerts;
        this.source = source;
        this.emptyKey = emptyKey;
        setId(id);
        addClassNames("nonstop-alert-list");
        show(true);
        Refreshing.every(this, refresh, () -> show(false));
    }

    void show(boolean always) {
        List<Alert> now = source.get();
        if (!always && now.equals(shown)) {
            return;
        }
        shown = now;
        removeAll();
        if (now.isEmpty()) {
            add(new Paragraph(getTranslation(emptyKey)));
            return;
        }
        for (Alert alert : now) {
            add(row(alert));
        }
    }

    private Div row(Alert alert) {
        Div row = new Div();
        row.setId(getId().orElse("alerts") + "-" + alert.id());
        row.addClassNames("nonstop-alert", alert.firing() ? "nonstop-alert-firing" : "nonstop-alert-resolved");
        Span severity = new Span(getTranslation("alert.severity." + alert.severity().name()));
        severity.getElement().getThemeList().add(alert.severity() == Alert.Severity.CRITICAL && alert.firing()
                ? "badge error" : "badge contrast");
        Span text = new Span(Messages.of(this, alert.text()));
        text.addClassNames("nonstop-alert-text");
        Span when = new Span(alert.firing() ? getTranslation("alert.since", WHEN.format(alert.startedAt()))
                : getTranslation("alert.resolved", WHEN.format(alert.startedAt()),
                WHEN.format(alert.resolvedAt()), minutes(alert.startedAt(), alert.resolvedAt())));
        when.addClassNames("nonstop-hint");
        row.add(severity, text, when);
        if (alert.acknowledgedAt() != null) {
            Span by = new Span(getTranslation("alert.acknowledged-by", alert.acknowledgedBy()));
            by.addClassNames("nonstop-hint");
            row.add(by);
        } else if (alert.firing()) {
            Button acknowledge = new Button(getTranslation("alert.acknowledge"), e -> {
                try {
                    alerts.acknowledge(alert.id());
                    show(false);
                } catch (UserError refused) {
                    Messages.error(this, refused);
                }
            });
            acknowledge.setId(row.getId().orElseThrow() + "-ack");
            acknowledge.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            row.add(acknowledge);
        }
        return row;
    }

    private static long minutes(Instant from, Instant to) {
        return Math.max(1, Math.round(Duration.between(from, to).toSeconds() / 60.0));
    }
}

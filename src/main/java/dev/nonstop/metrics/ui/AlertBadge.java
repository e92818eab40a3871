package dev.nonstop.metrics.ui;

import com.vaadin.flow.component.html.Span;
import dev.nonstop.metrics.Alert;
import dev.nonstop.metrics.AlertService;
import dev.nonstop.uikit.Messages;
import java.time.Duration;
import java.util.List;

/**
 * An app card's alert badge: hidden while nothing is wrong (or the app is muted); the alert in words
 * when there is one, "N alerts" when there are more; red when one is critical. Kept current on the
 * UI's poll.
 */
final class AlertBadge extends Span {

    private final AlertService alerts;
    private final long appId;

    AlertBadge(AlertService alerts, long appId, Duration refresh) {
        this.alerts = alerts;
        this.appId = appId;
        setId("alerts-badge-" + appId);
        addClassNames("nonstop-alert-badge");
        show();
        Refreshing.every(this, refresh, this::show);
    }

    void show() {
        List<Alert> firing = alerts.firing(appId);
        setVisible(!firing.isEmpty());
        if (firing.isEmpty()) {
            return;
        }
        boolean critical = firing.stream().anyMatch(a -> a.severity() == Alert.Severity.CRITICAL);
        getElement().getThemeList().clear();
        getElement().getThemeList().add(critical ? "badge error" : "badge contrast");
        setText(firing.size() == 1 ? Messages.of(this, firing.getFirst().text())
                : getTranslation("alert.badge.many", firing.size()));
        getElement().setAttribute("data-alerts", String.valueOf(firing.size()));
    }
}

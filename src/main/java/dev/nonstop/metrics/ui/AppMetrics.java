package dev.nonstop.metrics.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import dev.nonstop.app.ui.AppExtras;
import dev.nonstop.metrics.AlertService;
import dev.nonstop.metrics.MetricsService;

/**
 * What the metrics feature adds to app cards (an alert badge, sparklines) and the app detail page (a tab
 * with the app's alerts and charts).
 */
@org.springframework.stereotype.Component
class AppMetrics implements AppExtras {

    private final MetricsService metrics;
    private final AlertService alerts;

    AppMetrics(MetricsService metrics, AlertService alerts) {
        this.metrics = metrics;
        this.alerts = alerts;
    }

    @Override
    public Component onCard(long appId) {
        return new Div(new AlertBadge(alerts, appId, metrics.refreshEvery()),
                new Sparklines(metrics, appId, "app-" + appId));
    }

    @Override
    public String detailTabKey() {
        return "app.detail.tab.monitoring";
    }

    @Override
    public Component onDetail(long appId) {
        VerticalLayout tab = new VerticalLayout(new AppAlertsPanel(alerts, appId, metrics.refreshEvery()),
                new AppChartsPanel(metrics, appId));
        tab.setPadding(false);
        return tab;
    }
}

package dev.nonstop.metrics.ui;

import com.vaadin.flow.component.Component;
import dev.nonstop.app.ui.AppExtras;
import dev.nonstop.metrics.MetricsService;

/** The charts the metrics feature adds to app cards (sparklines) and the app detail page (a tab). */
@org.springframework.stereotype.Component
class AppMetrics implements AppExtras {

    private final MetricsService metrics;

    AppMetrics(MetricsService metrics) {
        this.metrics = metrics;
    }

    @Override
    public Component onCard(long appId) {
        return new Sparklines(metrics, appId, "app-" + appId);
    }

    @Override
    public String detailTabKey() {
        return "app.detail.tab.monitoring";
    }

    @Override
    public Component onDetail(long appId) {
        return new AppChartsPanel(metrics, appId);
    }
}

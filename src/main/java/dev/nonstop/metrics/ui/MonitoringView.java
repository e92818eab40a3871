package dev.nonstop.metrics.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.component.details.Details;
import dev.nonstop.metrics.AlertService;
import dev.nonstop.metrics.Chart;
import dev.nonstop.metrics.Metric;
import dev.nonstop.metrics.MetricsService;
import dev.nonstop.metrics.TimeRange;
import dev.nonstop.uikit.EmptyState;
import jakarta.annotation.security.PermitAll;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tenant's overview: what is firing (and the alert history), then for every app, its CPU, memory and replicas (and, with Prometheus, requests,
 * errors and p95) over the chosen range, refreshed in place (every 15 seconds by default). What needs Prometheus
 * says so in one line instead of an empty chart.
 */
@Route("monitoring")
@PermitAll
public class MonitoringView extends VerticalLayout implements HasDynamicTitle {

    private static final List<Metric> SHOWN = List.of(Metric.CPU, Metric.MEMORY, Metric.REPLICAS, Metric.REQUESTS,
            Metric.ERRORS, Metric.LATENCY_P95);

    private final MetricsService metrics;
    final Select<TimeRange> range = new Select<>();
    final Div apps = new Div();
    /** One grid of charts per app, kept so that a refresh moves the lines instead of redrawing. */
    final Map<String, ChartGrid> grids = new LinkedHashMap<>();
    final Paragraph footnote = new Paragraph();
    /** The tenant's quota in use over the range, one line per limited resource. */
    final ChartGrid quota = new ChartGrid("monitoring-tenant");
    /** Whether the apps were drawn once (a tenant without apps gets its empty state on the first draw). */
    private boolean drawn;

    final AlertList firing;
    final AlertList history;

    MonitoringView(MetricsService metrics, AlertService alerts, dev.nonstop.metrics.AlertHookService hooks,
                   dev.nonstop.security.Caller caller) {
        this.metrics = metrics;
        firing = new AlertList("monitoring-alerts", alerts, alerts::firing, "alert.none", metrics.refreshEvery());
        history = new AlertList("monitoring-alert-history", alerts, alerts::history, "alert.none.history",
                metrics.refreshEvery());
        Details past = new Details(getTranslation("alert.history"), history);
        past.setId("monitoring-alert-history-details");
        Details chat = new Details(getTranslation("alert.hook.title"),
                new AlertHookPanel(hooks, caller.require().isOwner()));
        chat.setId("monitoring-alert-hook-details");
        chat.setWidthFull();
        setId("monitoring");
        range.setId("monitoring-range");
        range.setLabel(getTranslation("monitoring.range"));
        range.setItems(TimeRange.values());
        range.setItemLabelGenerator(r -> getTranslation("monitoring.range." + r.name()));
        range.setValue(TimeRange.MINUTES_15);
        range.addValueChangeListener(e -> refresh());
        apps.addClassNames("nonstop-monitoring-apps");
        footnote.addClassNames("nonstop-hint");
        footnote.setText(getTranslation(metrics.usesPrometheus() ? "monitoring.source.prometheus"
                : "monitoring.source.built-in"));
        add(new H2(getTranslation("nav.monitoring")), new H3(getTranslation("alert.title")), firing, past, chat, range, quota, apps,
                footnote);
        refresh();
        Refreshing.every(this, metrics.refreshEvery(), this::refresh);
    }

    /** Every app's charts: moved in place, or drawn anew for a new range or a new or removed app. */
    final void refresh() {
        Map<Metric, List<Chart>> byMetric = new EnumMap<>(Metric.class);
        for (Metric metric : SHOWN) {
            byMetric.put(metric, metrics.charts(metric, range.getValue()));
        }
        quota.show(List.of(metrics.quota(range.getValue())));
        List<String> names = byMetric.get(Metric.CPU).stream().map(Chart::app).toList();
        if (!drawn || !names.equals(List.copyOf(grids.keySet()))) {
            drawn = true;
            apps.removeAll();
            grids.clear();
            if (names.isEmpty()) {
                apps.add(new EmptyState(getTranslation("monitoring.empty.title"),
                        getTranslation("monitoring.empty.text")));
            }
            for (String name : names) {
                Div card = new Div(new H3(name));
                card.setId("monitoring-app-" + name);
                ChartGrid grid = new ChartGrid("monitoring-" + name);
                card.add(grid);
                grids.put(name, grid);
                apps.add(card);
            }
        }
        for (int i = 0; i < names.size(); i++) {
            int app = i;
            grids.get(names.get(i)).show(SHOWN.stream().map(m -> byMetric.get(m).get(app)).toList());
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.monitoring") + " · Nonstop";
    }
}

package dev.nonstop.metrics.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import dev.nonstop.metrics.Chart;
import dev.nonstop.metrics.Metric;
import dev.nonstop.metrics.MetricsService;
import dev.nonstop.metrics.TimeRange;
import dev.nonstop.uikit.ApexChart;
import dev.nonstop.uikit.EmptyState;
import dev.nonstop.uikit.Messages;
import jakarta.annotation.security.PermitAll;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tenant's overview: for every app, its CPU, memory and replicas (and, with Prometheus, requests,
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
    /** Chart per app and metric, kept so that a refresh moves the lines instead of redrawing. */
    final Map<String, Map<Metric, ApexChart>> charts = new LinkedHashMap<>();
    final Paragraph footnote = new Paragraph();

    MonitoringView(MetricsService metrics) {
        this.metrics = metrics;
        setId("monitoring");
        range.setId("monitoring-range");
        range.setLabel(getTranslation("monitoring.range"));
        range.setItems(TimeRange.values());
        range.setItemLabelGenerator(r -> getTranslation("monitoring.range." + r.name()));
        range.setValue(TimeRange.MINUTES_15);
        range.addValueChangeListener(e -> redraw());
        apps.addClassNames("nonstop-monitoring-apps");
        footnote.addClassNames("nonstop-hint");
        add(new H2(getTranslation("nav.monitoring")), range, apps, footnote);
        redraw();
    }

    private com.vaadin.flow.shared.@org.jspecify.annotations.Nullable Registration polling;

    @Override
    protected void onAttach(AttachEvent attach) {
        attach.getUI().setPollInterval((int) metrics.refreshEvery().toMillis());
        polling = attach.getUI().addPollListener(e -> refresh());
    }

    @Override
    protected void onDetach(DetachEvent detach) {
        detach.getUI().setPollInterval(-1);
        if (polling != null) {
            polling.remove();
            polling = null;
        }
    }

    /** Draws every chart anew (first time, or a new range). */
    final void redraw() {
        apps.removeAll();
        charts.clear();
        Map<Metric, List<Chart>> byMetric = fetch();
        List<Chart> first = byMetric.get(Metric.CPU);
        if (first.isEmpty()) {
            apps.add(new EmptyState(getTranslation("monitoring.empty.title"), getTranslation("monitoring.empty.text")));
        }
        for (int i = 0; i < first.size(); i++) {
            String app = first.get(i).app();
            Div card = new Div();
            card.setId("monitoring-app-" + app);
            card.addClassNames("nonstop-monitoring-app");
            card.add(new H3(app));
            Map<Metric, ApexChart> own = new EnumMap<>(Metric.class);
            for (Metric metric : SHOWN) {
                Chart chart = byMetric.get(metric).get(i);
                Div cell = new Div();
                cell.addClassNames("nonstop-monitoring-chart");
                cell.add(new Paragraph(getTranslation("metric." + metric.name())));
                if (chart.unavailable() != null) {
                    Paragraph why = new Paragraph(Messages.of(this, chart.unavailable()));
                    why.addClassNames("nonstop-hint");
                    why.setId("monitoring-" + app + "-" + metric.name().toLowerCase() + "-unavailable");
                    cell.add(why);
                } else {
                    ApexChart drawn = new ApexChart();
                    drawn.setId("monitoring-" + app + "-" + metric.name().toLowerCase());
                    drawn.draw(ApexChart.Options.line(140, ChartText.unit(this, metric), ChartText.lines(chart),
                            getTranslation("metric.no-data")), ChartText.summary(this, chart));
                    own.put(metric, drawn);
                    cell.add(drawn);
                }
                card.add(cell);
            }
            charts.put(app, own);
            apps.add(card);
        }
        footnote.setText(getTranslation(metrics.usesPrometheus() ? "monitoring.source.prometheus"
                : "monitoring.source.built-in"));
    }

    /** New points for the charts on screen; a new or removed app redraws the page. */
    final void refresh() {
        Map<Metric, List<Chart>> byMetric = fetch();
        if (!byMetric.get(Metric.CPU).stream().map(Chart::app).toList().equals(List.copyOf(charts.keySet()))) {
            redraw();
            return;
        }
        for (Metric metric : SHOWN) {
            for (Chart chart : byMetric.get(metric)) {
                ApexChart drawn = charts.get(chart.app()).get(metric);
                if (drawn != null && chart.unavailable() == null) {
                    drawn.update(ChartText.lines(chart), ChartText.summary(this, chart));
                }
            }
        }
    }

    private Map<Metric, List<Chart>> fetch() {
        Map<Metric, List<Chart>> byMetric = new EnumMap<>(Metric.class);
        for (Metric metric : SHOWN) {
            byMetric.put(metric, metrics.charts(metric, range.getValue()));
        }
        return byMetric;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.monitoring") + " · Nonstop";
    }
}

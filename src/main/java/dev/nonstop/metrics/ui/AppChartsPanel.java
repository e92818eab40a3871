package dev.nonstop.metrics.ui;

import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import dev.nonstop.metrics.Metric;
import dev.nonstop.metrics.MetricsService;
import dev.nonstop.metrics.TimeRange;
import dev.nonstop.uikit.ApexChart;
import java.util.List;

/** The app detail page's "Monitoring" tab: every chart of one app over a chosen range, kept current. */
final class AppChartsPanel extends VerticalLayout {

    static final List<Metric> SHOWN = List.of(Metric.CPU, Metric.MEMORY, Metric.REPLICAS, Metric.REQUESTS,
            Metric.ERRORS, Metric.LATENCY_P95, Metric.RESTARTS);

    private final MetricsService metrics;
    private final long appId;
    final Select<TimeRange> range = new Select<>();
    final ChartGrid grid = new ChartGrid("detail");

    AppChartsPanel(MetricsService metrics, long appId) {
        this.metrics = metrics;
        this.appId = appId;
        setPadding(false);
        range.setId("detail-range");
        range.setLabel(getTranslation("monitoring.range"));
        range.setItems(TimeRange.values());
        range.setItemLabelGenerator(r -> getTranslation("monitoring.range." + r.name()));
        range.setValue(TimeRange.MINUTES_15);
        range.addValueChangeListener(e -> refresh());
        Paragraph source = new Paragraph(getTranslation(metrics.usesPrometheus() ? "monitoring.source.prometheus"
                : "monitoring.source.built-in"));
        source.addClassNames("nonstop-hint");
        grid.setWidthFull();
        add(range, grid, source);
        refresh();
        Refreshing.every(this, metrics.refreshEvery(), this::refresh);
    }

    void refresh() {
        grid.show(SHOWN.stream().map(m -> metrics.chartWithinSize(appId, m, range.getValue())).toList(),
                metrics.markers(appId, range.getValue()).stream().map(m -> new ApexChart.Marker(m.at().toEpochMilli(),
                        dev.nonstop.uikit.Messages.of(this, m.label()))).toList());
    }
}

package dev.nonstop.metrics.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import dev.nonstop.metrics.Chart;
import dev.nonstop.metrics.Metric;
import dev.nonstop.metrics.MetricsService;
import dev.nonstop.metrics.TimeRange;
import dev.nonstop.uikit.ApexChart;
import java.util.ArrayList;
import java.util.List;

/**
 * An app card's small charts of the last 15 minutes: requests/s and CPU with Prometheus, CPU and ready
 * replicas without. Each carries its newest value in words; they move as new points come.
 */
final class Sparklines extends Div {

    private final MetricsService metrics;
    private final long appId;
    private final List<ApexChart> charts = new ArrayList<>();
    private final List<Span> values = new ArrayList<>();

    Sparklines(MetricsService metrics, long appId, String idPrefix) {
        this.metrics = metrics;
        this.appId = appId;
        addClassNames("nonstop-sparklines");
        for (Metric metric : shown()) {
            Div cell = new Div();
            cell.addClassNames("nonstop-sparkline");
            Span label = new Span(getTranslation("metric." + metric.name()));
            Span value = new Span();
            value.addClassNames("nonstop-sparkline-value");
            ApexChart chart = new ApexChart();
            chart.setId(idPrefix + "-spark-" + metric.name().toLowerCase());
            cell.add(label, value, chart);
            charts.add(chart);
            values.add(value);
            add(cell);
        }
        draw(true);
        Refreshing.every(this, metrics.refreshEvery(), () -> draw(false));
    }

    private List<Metric> shown() {
        return metrics.usesPrometheus() ? List.of(Metric.REQUESTS, Metric.CPU) : List.of(Metric.CPU, Metric.REPLICAS);
    }

    private void draw(boolean first) {
        List<Metric> shown = shown();
        for (int i = 0; i < shown.size(); i++) {
            Chart chart = metrics.chart(appId, shown.get(i), TimeRange.MINUTES_15);
            List<ApexChart.Line> lines = sparkLines(chart);
            String summary = ChartText.summary(this, chart);
            values.get(i).setText(chart.unavailable() != null || lines.isEmpty() ? "–" : ChartText.number(
                    lines.getFirst().data().isEmpty() ? Double.NaN : lines.getFirst().data().getLast().y())
                    + " " + ChartText.unit(this, chart.metric()));
            if (first) {
                charts.get(i).draw(ApexChart.Options.sparkline(ChartText.unit(this, chart.metric()), lines), summary);
            } else {
                charts.get(i).update(lines, summary);
            }
        }
    }

    /** Per-pod series summed to one line per app (a sparkline shows the app, not its replicas). */
    static List<ApexChart.Line> sparkLines(Chart chart) {
        List<ApexChart.Line> lines = ChartText.lines(chart);
        if (!chart.metric().perPod() || lines.size() <= 1) {
            // a card shows how many are ready (its badge says of how many)
            return chart.metric() == Metric.REPLICAS ? lines.stream().filter(l -> l.name().equals("ready")).toList()
                    : lines;
        }
        java.util.TreeMap<Long, Double> sum = new java.util.TreeMap<>();
        lines.forEach(l -> l.data().forEach(p -> sum.merge(p.x(), p.y(), Double::sum)));
        return List.of(new ApexChart.Line(chart.app(), sum.entrySet().stream()
                .map(e -> new ApexChart.Point(e.getKey(), e.getValue())).toList()));
    }
}

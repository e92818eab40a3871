package dev.nonstop.metrics.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import dev.nonstop.metrics.Chart;
import dev.nonstop.metrics.Metric;
import dev.nonstop.uikit.ApexChart;
import dev.nonstop.uikit.Messages;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One app's charts side by side: each metric drawn once, then moved in place as new points come; a
 * metric its source cannot show says why (e.g. "needs Prometheus") instead of an empty chart.
 */
final class ChartGrid extends Div {

    private final String idPrefix;
    private final Map<Metric, ApexChart> drawn = new EnumMap<>(Metric.class);
    private List<Metric> shown = List.of();
    private Object range = "";

    ChartGrid(String idPrefix) {
        this.idPrefix = idPrefix;
        addClassNames("nonstop-monitoring-app");
    }

    /** Shows these charts (one per metric, of one app and range): in place when only the points moved. */
    void show(List<Chart> charts) {
        List<Metric> metrics = charts.stream().map(Chart::metric).toList();
        Object newRange = charts.isEmpty() ? "" : charts.getFirst().range();
        boolean sameLayout = metrics.equals(shown) && newRange.equals(range) && charts.stream()
                .allMatch(c -> (c.unavailable() == null) == drawn.containsKey(c.metric()));
        if (sameLayout) {
            charts.stream().filter(c -> c.unavailable() == null)
                    .forEach(c -> drawn.get(c.metric()).update(ChartText.lines(c), ChartText.summary(this, c)));
            return;
        }
        removeAll();
        drawn.clear();
        shown = metrics;
        range = newRange;
        for (Chart chart : charts) {
            String id = idPrefix + "-" + chart.metric().name().toLowerCase();
            Div cell = new Div();
            cell.addClassNames("nonstop-monitoring-chart");
            cell.add(new Paragraph(getTranslation("metric." + chart.metric().name())));
            if (chart.unavailable() != null) {
                Paragraph why = new Paragraph(Messages.of(this, chart.unavailable()));
                why.addClassNames("nonstop-hint");
                why.setId(id + "-unavailable");
                cell.add(why);
            } else {
                ApexChart apex = new ApexChart();
                apex.setId(id);
                apex.draw(ApexChart.Options.line(140, ChartText.unit(this, chart.metric()), ChartText.lines(chart),
                        getTranslation("metric.no-data")), ChartText.summary(this, chart));
                drawn.put(chart.metric(), apex);
                cell.add(apex);
            }
            add(cell);
        }
    }

    ApexChart chart(Metric metric) {
        return drawn.get(metric);
    }
}

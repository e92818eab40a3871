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
    private List<ApexChart.Marker> markers = List.of();

    ChartGrid(String idPrefix) {
        this.idPrefix = idPrefix;
        addClassNames("nonstop-monitoring-app");
    }

    /** Shows these charts (one per metric, of one app and range): in place when only the points moved. */
    void show(List<Chart> charts) {
        show(charts, List.of());
    }

    /** The same, with markers on the time axis (releases, drills). */
    void show(List<Chart> charts, List<ApexChart.Marker> newMarkers) {
        List<Metric> metrics = charts.stream().map(Chart::metric).toList();
        Object newRange = charts.isEmpty() ? "" : charts.getFirst().range();
        boolean sameLayout = metrics.equals(shown) && newRange.equals(range) && newMarkers.equals(markers)
                && charts.stream()
                .allMatch(c -> (c.unavailable() == null) == drawn.containsKey(c.metric()));
        // the whole range on the time axis, ending now, so markers and gaps show where they happened
        long to = System.currentTimeMillis();
        long from = charts.isEmpty() ? to : to - charts.getFirst().range().span().toMillis();
        if (sameLayout) {
            charts.stream().filter(c -> c.unavailable() == null).forEach(c -> drawn.get(c.metric())
                    .update(ChartText.lines(this, c), from, to, ChartText.summary(this, c)));
            return;
        }
        removeAll();
        drawn.clear();
        shown = metrics;
        range = newRange;
        markers = newMarkers;
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
                apex.draw(new ApexChart.Options("line", 140, false, ChartText.unit(this, chart.metric()),
                        ChartText.lines(this, chart), null, markers, getTranslation("metric.no-data"), from, to),
                        ChartText.summary(this, chart));
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

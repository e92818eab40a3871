package dev.nonstop.metrics.ui;

import com.vaadin.flow.component.Component;
import dev.nonstop.metrics.Chart;
import dev.nonstop.metrics.Metric;
import dev.nonstop.metrics.Series;
import dev.nonstop.uikit.ApexChart;
import java.util.List;
import java.util.Locale;

/** Charts' words: the unit, the lines, and the one-line summary a screen reader reads. */
final class ChartText {

    private ChartText() {
    }

    static String unit(Component in, Metric metric) {
        return in.getTranslation("metric.unit." + metric.name());
    }

    static List<ApexChart.Line> lines(Chart chart) {
        return chart.series().stream().map(s -> new ApexChart.Line(s.label(), s.points().stream()
                .map(p -> new ApexChart.Point(p.at(), p.value())).toList())).toList();
    }

    /** The same lines, named in the reader's language where the name is a word (ready, desired), not a pod. */
    static List<ApexChart.Line> lines(Component in, Chart chart) {
        return lines(chart).stream().map(l -> new ApexChart.Line(label(in, chart, l.name()), l.data())).toList();
    }

    static String label(Component in, Chart chart, String series) {
        return chart.metric() == Metric.REPLICAS || series.equals(Series.REQUEST) || series.equals(Series.LIMIT)
                ? in.getTranslation("metric.series." + series)
                : chart.metric() == Metric.QUOTA ? in.getTranslation("quota.resource." + series) : series;
    }

    /** E.g. "CPU, last 15 minutes: web-7d9-x2 23 m, web-7d9-k4 25 m" or "no data yet". */
    static String summary(Component in, Chart chart) {
        String what = in.getTranslation("metric." + chart.metric().name()) + ", "
                + in.getTranslation("monitoring.range." + chart.range().name());
        if (chart.series().isEmpty() || chart.series().stream().allMatch(s -> s.points().isEmpty())) {
            return what + ": " + in.getTranslation("metric.no-data");
        }
        String unit = unit(in, chart.metric());
        return what + ": " + String.join(", ", chart.series().stream().filter(s -> !s.points().isEmpty())
                .map(s -> label(in, chart, s.label()) + " " + number(s.last()) + (unit.isEmpty() ? "" : " " + unit))
                .toList());
    }

    static String number(double value) {
        if (value == Math.rint(value) && !Double.isInfinite(value)) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        double abs = Math.abs(value);
        return String.format(Locale.ROOT, abs >= 100 ? "%.0f" : abs >= 10 ? "%.1f" : "%.2f", value);
    }

    /** The newest value of a series by its label, for tests. */
    static double last(Chart chart, String label) {
        return chart.series().stream().filter(s -> s.label().equals(label)).mapToDouble(Series::last).findFirst()
                .orElse(Double.NaN);
    }
}

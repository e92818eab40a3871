package dev.nonstop.metrics;

import dev.nonstop.common.Message;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one chart shows: an app's metric over a range. When the source cannot answer (the metric or the
 * range needs Prometheus, or Prometheus is down), {@code unavailable} says why and what to do, and there
 * are no series; an empty list with no reason means there is simply no data yet.
 */
public record Chart(String app, Metric metric, TimeRange range, List<Series> series, @Nullable Message unavailable) {

    public Chart {
        series = List.copyOf(series);
    }

    static Chart unavailable(String app, Metric metric, TimeRange range, Message why) {
        return new Chart(app, metric, range, List.of(), why);
    }
}

package dev.nonstop.metrics.internal;

import dev.nonstop.common.Message;
import dev.nonstop.metrics.Metric;
import dev.nonstop.metrics.Series;
import dev.nonstop.metrics.TimeRange;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where the numbers come from: Prometheus, or the portal's own short window. */
public interface MetricsSource {

    /** Why this source cannot answer a metric over a range (and what to do), or empty when it can. */
    Optional<Message> cannotAnswer(Metric metric, TimeRange range);

    /**
     * The series of each of these apps of one tenant namespace, ending at {@code now}; an app without data
     * has no entry. One call answers every app asked for (one query per metric, not per app).
     *
     * @throws MetricsUnavailable when the source does not answer (Prometheus down or refusing)
     */
    Map<String, List<Series>> query(String namespace, Collection<String> apps, Metric metric, TimeRange range,
                                    Instant now);

    /** A short name for logs and the admin screens ("built-in" or Prometheus's address). */
    String describe();
}

package dev.nonstop.metrics;

import java.time.Duration;

/** The time a chart spans, and the step between its points (about 60–170 points per chart). */
public enum TimeRange {
    MINUTES_15(Duration.ofMinutes(15), Duration.ofSeconds(15)),
    HOUR_1(Duration.ofHours(1), Duration.ofSeconds(30)),
    HOURS_6(Duration.ofHours(6), Duration.ofMinutes(3)),
    HOURS_24(Duration.ofHours(24), Duration.ofMinutes(10)),
    DAYS_7(Duration.ofDays(7), Duration.ofHours(1));

    private final Duration span;
    private final Duration step;

    TimeRange(Duration span, Duration step) {
        this.span = span;
        this.step = step;
    }

    public Duration span() {
        return span;
    }

    public Duration step() {
        return step;
    }
}

package dev.nonstop.metrics;

import java.util.List;

/**
 * One line of a chart: what it is (a pod's name, "ready", "desired", or the app's name) and its points,
 * oldest first.
 */
public record Series(String label, List<Point> points) {

    /** The labels of the flat lines drawn at a replica's request and limit (CPU and memory, detail page). */
    public static final String REQUEST = "request";
    public static final String LIMIT = "limit";

    public Series {
        points = List.copyOf(points);
    }

    /** A value at a moment (epoch milliseconds, as charts take them). */
    public record Point(long at, double value) {
    }

    /** The newest value, or NaN for an empty series. */
    public double last() {
        return points.isEmpty() ? Double.NaN : points.getLast().value();
    }
}

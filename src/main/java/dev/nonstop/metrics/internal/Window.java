package dev.nonstop.metrics.internal;

import dev.nonstop.metrics.Series;
import java.util.ArrayList;
import java.util.List;

/**
 * A fixed number of the newest samples of one or two values (a ring), kept as primitives: about 12 bytes
 * a sample, so an hour at 15 s for an app with two replicas stays near 10 KB.
 */
final class Window {

    private final long[] at;
    private final float[] first;
    private final float[] second;
    private int next;
    private int size;

    Window(int capacity) {
        at = new long[capacity];
        first = new float[capacity];
        second = new float[capacity];
    }

    synchronized void add(long atMillis, double a, double b) {
        at[next] = atMillis;
        first[next] = (float) a;
        second[next] = (float) b;
        next = (next + 1) % at.length;
        size = Math.min(size + 1, at.length);
    }

    /** The newest sample's time, or 0 when empty. */
    synchronized long newest() {
        return size == 0 ? 0 : at[(next - 1 + at.length) % at.length];
    }

    /** Points of the first or second value since a moment, oldest first. */
    synchronized List<Series.Point> since(long fromMillis, boolean firstValue) {
        List<Series.Point> points = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            int index = (next - size + i + at.length) % at.length;
            if (at[index] >= fromMillis) {
                points.add(new Series.Point(at[index], firstValue ? first[index] : second[index]));
            }
        }
        return points;
    }

    /** Bytes held, for the benchmark's memory figure. */
    int bytes() {
        return at.length * (8 + 4 + 4) + 48;
    }
}

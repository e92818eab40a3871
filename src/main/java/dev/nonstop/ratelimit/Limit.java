package dev.nonstop.ratelimit;

import java.time.Duration;

/**
 * A bucket's shape: {@code capacity} tokens, refilled gradually over {@code period}. The name is
 * part of the bucket key, so two limits on the same subject never share a bucket.
 */
public record Limit(String name, int capacity, Duration period) {

    public Limit {
        if (name.isBlank() || capacity <= 0 || period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("a limit needs a name, a positive capacity and a positive period");
        }
    }
}

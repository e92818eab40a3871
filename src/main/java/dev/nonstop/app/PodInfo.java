package dev.nonstop.app;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One replica of an app: where it runs, how it is doing, since when. */
public record PodInfo(String name, String node, @Nullable String zone, String phase, boolean ready, int restarts,
                      @Nullable Instant startedAt, String release) {
}

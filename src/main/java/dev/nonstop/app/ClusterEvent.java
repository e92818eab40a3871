package dev.nonstop.app;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A Kubernetes event about one of an app's objects, as the detail page lists it. */
public record ClusterEvent(@Nullable Instant at, String type, String reason, String object, String message,
                           int count) {
}

package dev.nonstop.app;

import dev.nonstop.common.Message;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A Kubernetes event about one of an app's objects, as the detail page lists it: in a sentence people
 * read ({@link EventSentences}), with Kubernetes' own reason and message as the detail.
 */
public record ClusterEvent(@Nullable Instant at, String type, String reason, String object, String message,
                           int count, Message sentence) {
}

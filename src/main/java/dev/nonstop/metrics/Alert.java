package dev.nonstop.metrics;

import dev.nonstop.common.Message;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Something wrong with one of a tenant's apps (or, without an app, with its quota): from the cluster's
 * state, which the portal watches itself, or from a Prometheus rule through Alertmanager. Open while
 * {@link #resolvedAt()} is null.
 *
 * @param app   the app's name, or null for the tenant as a whole (quota)
 * @param kind  a {@link StateKind} name, or the Prometheus alert's name
 * @param text  what happened, in words (translated by the view)
 */
public record Alert(long id, @Nullable String app, Source source, String kind, Severity severity, Message text,
                    Instant startedAt, @Nullable Instant resolvedAt, @Nullable Instant acknowledgedAt,
                    @Nullable String acknowledgedBy) {

    public enum Source {
        /** Found by the portal in the cluster's state: always on, no Prometheus needed. */
        STATE,
        /** Fired by a Prometheus rule and posted by Alertmanager. */
        PROMETHEUS
    }

    public enum Severity {
        INFO, WARNING, CRITICAL
    }

    /** The alerts the portal finds in the cluster's state itself. */
    public enum StateKind {
        /** A replica keeps crashing (CrashLoopBackOff). */
        CRASH_LOOP,
        /** Fewer than two replicas (or than desired, when fewer are wanted) ready for over a minute. */
        NOT_REDUNDANT,
        /** The rollout stopped making progress (ProgressDeadlineExceeded). */
        ROLLOUT_STALLED,
        /** A quota resource 80 % used or more. */
        QUOTA_NEAR
    }

    public boolean firing() {
        return resolvedAt == null;
    }
}

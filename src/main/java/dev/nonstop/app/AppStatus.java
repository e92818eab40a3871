package dev.nonstop.app;

import dev.nonstop.common.Message;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An app's card: how it is doing now (from the informers), whether it would survive losing a node
 * (and a zone, where the tier promises zones), what it runs, and — while an outage lasts — what was
 * lost and that a replacement is on its way.
 */
public record AppStatus(long appId, String name, String url, State state, int ready, int desired, int updated,
                        Resilience resilience, @Nullable Long releaseId, @Nullable Integer releaseNumber,
                        @Nullable String commit,
                        @Nullable Instant deployedAt, @Nullable Message notice, @Nullable FailoverDrill lastDrill,
                        @Nullable Message outage) {

    public enum State {
        RUNNING, DEPLOYING, DEGRADED, STOPPED, FAILED
    }

    /**
     * Green only when nothing is missing; otherwise each missing piece as a message key and arguments.
     * {@code recovering}: the app was redundant and is replacing what an outage took (not "not yet redundant").
     */
    public record Resilience(boolean green, List<Missing> missing, boolean recovering) {
    }

    public record Missing(String key, List<Object> args) {
        public Missing(String key, Object... args) {
            this(key, List.of(args));
        }
    }

    public AppStatus withDrill(@Nullable FailoverDrill drill) {
        return new AppStatus(appId, name, url, state, ready, desired, updated, resilience, releaseId, releaseNumber,
                commit, deployedAt, notice, drill, outage);
    }

    /** Share of the rollout done, 0..100 (100 when not rolling out). */
    public int progress() {
        return desired == 0 ? 100 : Math.min(100, 100 * updated / desired);
    }
}

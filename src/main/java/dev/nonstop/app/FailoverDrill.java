package dev.nonstop.app;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One failover drill and its timeline: which pod (and node) was taken away — or, in an admin's
 * zone-loss drill ({@code zoneLost}), which zone ({@code node}) — when the app's ready capacity dropped,
 * when a replacement was Ready again, the fewest ready replicas seen meanwhile, and for a zone drill
 * when the app ran in two zones again after the zone came back.
 */
public record FailoverDrill(long id, long appId, String pod, String node, boolean nodeFailed, int desired,
                            int minReady, Instant startedAt, @Nullable Instant droppedAt,
                            @Nullable Instant recoveredAt, boolean finished, String startedBy, boolean zoneLost,
                            @Nullable Instant respreadAt) {

    /** From the drop in capacity to the replacement being Ready, if it recovered. */
    public @Nullable Duration recovery() {
        return droppedAt == null || recoveredAt == null ? null : Duration.between(droppedAt, recoveredAt);
    }
}

package dev.nonstop.app;

import dev.nonstop.common.ReplicaSize;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A deployed build (or a new configuration of one): its number within the app, the image by digest, and the configuration it ran with. */
public record Release(long id, long appId, @Nullable Long buildId, String image, String commit, int port,
                      String healthPath, int replicas, ReplicaSize size, Status status, String createdBy,
                      Instant createdAt, int number) {

    public enum Status {
        /** Being rolled out. */
        ROLLING_OUT,
        /** Rolled out completely: a release to fall back to. */
        GOOD,
        /** Its rollout stalled or crashed and was rolled back. */
        ROLLED_BACK,
        /** A newer release came before its rollout ended. */
        REPLACED
    }

    public String shortCommit() {
        return commit.length() > 7 ? commit.substring(0, 7) : commit;
    }
}

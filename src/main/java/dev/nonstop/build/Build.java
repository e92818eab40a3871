package dev.nonstop.build;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** One build as users see it: who asked, from what, how far it got, and what came out or why not. */
public record Build(long id, long tenantId, long sourceId, String app, String requestedBy, Trigger trigger,
                    String repoUrl, String refName, String commit, BuildStatus status, List<BuildStep> steps,
                    String image, @Nullable String imageDigest, @Nullable FailureCause failureCause,
                    @Nullable String failureDetail, Instant createdAt, @Nullable Instant startedAt,
                    @Nullable Instant finishedAt) {

    public enum Trigger {
        MANUAL, WEBHOOK
    }

    public String shortCommit() {
        return commit.length() > 7 ? commit.substring(0, 7) : commit;
    }
}

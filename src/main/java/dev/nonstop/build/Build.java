package dev.nonstop.build;

import dev.nonstop.common.Message;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One build as users see it: its number within the app, who asked, from what commit (and what that
 * commit says), how far it got, what came out or why not, and — for a build meant to deploy itself —
 * why it was not deployed, if it was not.
 */
public record Build(long id, long tenantId, long sourceId, String app, String requestedBy, Trigger trigger,
                    String repoUrl, String refName, String commit, BuildStatus status, List<BuildStep> steps,
                    String image, @Nullable String imageDigest, @Nullable FailureCause failureCause,
                    @Nullable String failureDetail, Instant createdAt, @Nullable Instant startedAt,
                    @Nullable Instant finishedAt, int number, boolean deployOnSuccess,
                    @Nullable Message deployNotice, @Nullable String commitMessage, @Nullable String commitAuthor,
                    boolean appDeleted) {

    public enum Trigger {
        MANUAL, WEBHOOK
    }

    public String shortCommit() {
        return commit.length() > 7 ? commit.substring(0, 7) : commit;
    }
}

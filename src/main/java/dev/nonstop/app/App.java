package dev.nonstop.app;

import dev.nonstop.common.Message;
import dev.nonstop.common.ReplicaSize;
import org.jspecify.annotations.Nullable;

/** An app as its owner set it: replicas, size, stopped or not, the release it should run, and a notice for the user. */
public record App(long id, long tenantId, long sourceId, String name, int replicas, ReplicaSize size,
                  boolean autoscaling, boolean stopped, @Nullable Long currentReleaseId,
                  @Nullable Long goodReleaseId, @Nullable Message notice) {
}

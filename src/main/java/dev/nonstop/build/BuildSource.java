package dev.nonstop.build;

import dev.nonstop.source.StackKind;
import org.jspecify.annotations.Nullable;

/**
 * What an app is built from: its repository and tracked branch (null: the default branch), and the
 * settings detection found and the user confirmed or corrected.
 */
public record BuildSource(long id, long tenantId, String name, String repoUrl, @Nullable String trackedRef,
                          StackKind kind, String dockerfile, String contextDir, int port, String healthPath) {
}

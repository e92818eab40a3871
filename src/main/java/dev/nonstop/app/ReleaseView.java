package dev.nonstop.app;

import org.jspecify.annotations.Nullable;

/**
 * A release as the app's history shows it: whether it is the one that runs now, and what changed — the
 * commit's message and author, where the build knows them.
 */
public record ReleaseView(Release release, boolean live, @Nullable String message, @Nullable String author) {
}

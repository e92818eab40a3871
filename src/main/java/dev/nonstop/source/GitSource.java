package dev.nonstop.source;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * A repository URL that passed the policy: https (or a configured test host), an allowed host,
 * {@code /owner/repo}, no credentials; and the branch, tag or commit asked for (null: the default branch).
 */
public record GitSource(URI repository, String host, String owner, String name, @Nullable String ref) {

    /** The URL as it is shown and stored: no trailing ".git", no ref. */
    public String display() {
        return repository.toString();
    }
}

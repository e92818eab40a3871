package dev.nonstop.source;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A repository URL that passed the policy: https (or a configured test host), an allowed host,
 * {@code /owner/repo}, no credentials; and the branch, tag or commit asked for (null: the default branch).
 * {@code addresses} are the public addresses the host name had when the policy checked it: every
 * connection for this source goes to one of them, so a DNS answer that changes after the check
 * (rebinding to loopback or a metadata address) is never used. Empty when only the form was checked.
 */
public record GitSource(URI repository, String host, String owner, String name, @Nullable String ref,
                        List<InetAddress> addresses) {

    public GitSource {
        addresses = List.copyOf(addresses);
    }

    /** A source whose form was checked but whose host was not looked up. */
    public GitSource(URI repository, String host, String owner, String name, @Nullable String ref) {
        this(repository, host, owner, name, ref, List.of());
    }

    /** The same source, pinned to the addresses that passed the policy. */
    public GitSource pinnedTo(List<InetAddress> checked) {
        return new GitSource(repository, host, owner, name, ref, checked);
    }

    /** The URL as it is shown and stored: no trailing ".git", no ref. */
    public String display() {
        return repository.toString();
    }
}

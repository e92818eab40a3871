package dev.nonstop.source;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code nonstop.source.*}: which Git hosts users may build from (default github.com; add e.g. a
 * GitLab host), how long and how much a fetch may take, and — for tests only — {@code testHosts},
 * loopback {@code host:port} pairs reachable over plain http (a local Git server). Nothing else may
 * reach loopback or private addresses.
 */
@ConfigurationProperties("nonstop.source")
public record SourceSettings(List<String> allowedHosts, List<String> testHosts, Duration timeout,
                             long maxFetchBytes) {

    public SourceSettings(@Nullable List<String> allowedHosts, @Nullable List<String> testHosts,
                          @Nullable Duration timeout, long maxFetchBytes) {
        this.allowedHosts = allowedHosts == null || allowedHosts.isEmpty() ? List.of("github.com")
                : allowedHosts.stream().map(h -> h.strip().toLowerCase(java.util.Locale.ROOT)).toList();
        this.testHosts = testHosts == null ? List.of()
                : testHosts.stream().map(h -> h.strip().toLowerCase(java.util.Locale.ROOT)).toList();
        this.timeout = timeout == null ? Duration.ofSeconds(20) : timeout;
        this.maxFetchBytes = maxFetchBytes <= 0 ? 50L * 1024 * 1024 : maxFetchBytes;
    }

    public static SourceSettings defaults() {
        return new SourceSettings(null, null, null, 0);
    }
}

package dev.nonstop.build;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code nonstop.build.*}: the platform build namespace and its quota, the registry images go to,
 * how long a build may run, how many builds (and log lines) are kept per app, and the node pool builds
 * run on ({@code node-pool}: nodes labelled and tainted {@code nonstop.dev/pool=<name>}; empty: any node).
 */
@ConfigurationProperties("nonstop.build")
public record BuildSettings(String namespace, String registry, String quotaCpu, String quotaMemory, int quotaPods,
                            Duration timeout, int keepPerApp, int keepLogLines, String nodePool) {

    public BuildSettings(@Nullable String namespace, @Nullable String registry, @Nullable String quotaCpu,
                         @Nullable String quotaMemory, int quotaPods, @Nullable Duration timeout, int keepPerApp,
                         int keepLogLines, @Nullable String nodePool) {
        this.namespace = namespace == null || namespace.isBlank() ? "nonstop-builds" : namespace;
        this.registry = registry == null || registry.isBlank() ? "registry.nonstop.internal/apps" : registry;
        this.quotaCpu = quotaCpu == null || quotaCpu.isBlank() ? "8" : quotaCpu;
        this.quotaMemory = quotaMemory == null || quotaMemory.isBlank() ? "16Gi" : quotaMemory;
        this.quotaPods = quotaPods <= 0 ? 20 : quotaPods;
        this.timeout = timeout == null ? Duration.ofMinutes(20) : timeout;
        this.keepPerApp = keepPerApp <= 0 ? 20 : keepPerApp;
        this.keepLogLines = keepLogLines <= 0 ? 2000 : keepLogLines;
        this.nodePool = nodePool == null ? "" : nodePool.strip();
    }

    public static BuildSettings defaults() {
        return new BuildSettings(null, null, null, null, 0, null, 0, 0, null);
    }
}

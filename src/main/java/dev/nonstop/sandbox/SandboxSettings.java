package dev.nonstop.sandbox;

import java.time.Duration;

/**
 * How the sandbox simulates: its nodes and zones, node size, how long an image takes to start, the
 * share of images that crash, how fast simulated time runs, and the API's port (0 = any free port).
 */
public record SandboxSettings(int nodes, int zones, int nodeCpuMilli, int nodeMemoryMib, int nodePods,
                              Duration podStartDelay, double crashShare, double speed, int port, Duration tick) {

    public SandboxSettings {
        if (nodes < 1 || zones < 1 || zones > nodes) {
            throw new IllegalArgumentException("the sandbox needs at least one node per zone");
        }
    }

    public static SandboxSettings defaults() {
        return new SandboxSettings(4, 2, 4000, 8192, 110, Duration.ofSeconds(3), 0.0, 1.0, 0,
                Duration.ofMillis(100));
    }
}

package dev.nonstop.kube;

/** What the UI banner and the health endpoint say about the cluster. */
public record ClusterStatus(boolean sandbox, boolean reachable, String description, String version) {
}

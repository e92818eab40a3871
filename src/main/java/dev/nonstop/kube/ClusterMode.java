package dev.nonstop.kube;

/** Which cluster the portal talks to: {@code nonstop.cluster.mode}. */
public enum ClusterMode {
    /** A real cluster when a kubeconfig or in-cluster service account exists, otherwise the sandbox. */
    AUTO,
    /** A real cluster; the start fails when none is configured. */
    REAL,
    /** The built-in sandbox cluster: simulated, no real containers. */
    SANDBOX
}

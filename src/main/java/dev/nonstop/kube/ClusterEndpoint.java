package dev.nonstop.kube;

import io.fabric8.kubernetes.client.Config;

/** Where the cluster's API is, and whether it is the sandbox. */
public record ClusterEndpoint(Config config, boolean sandbox, String description) {
}

package dev.nonstop.kube;

/**
 * Starts the sandbox cluster when the portal needs one. Implemented by the sandbox feature, which
 * depends on kube and not the other way round.
 */
public interface SandboxStarter {

    ClusterEndpoint start();
}

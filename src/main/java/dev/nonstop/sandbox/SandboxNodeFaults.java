package dev.nonstop.sandbox;

import dev.nonstop.common.UserError;
import dev.nonstop.kube.NodeFaults;
import org.springframework.stereotype.Component;

/** In the sandbox, a failover drill may fail a whole node (NotReady), and recovers it afterwards. */
@Component
class SandboxNodeFaults implements NodeFaults {

    private final SandboxCluster cluster;

    SandboxNodeFaults(SandboxCluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public boolean available() {
        return cluster.running().isPresent();
    }

    @Override
    public boolean simulated() {
        return true;
    }

    @Override
    public void failNode(String node) {
        cluster.running().orElseThrow(() -> new UserError("sandbox.not-running")).failNode(node);
    }

    @Override
    public void recoverNode(String node) {
        cluster.running().ifPresent(s -> s.recoverNode(node));
    }
}

package dev.nonstop.kube;

/**
 * Failing a whole node on purpose, for failover drills. Only the sandbox can (it implements this);
 * on a real cluster there is no implementation and a drill takes away a pod only.
 */
public interface NodeFaults {

    void failNode(String node);

    void recoverNode(String node);
}

package dev.nonstop.kube;

/**
 * Failing a whole node on purpose, for failover drills. In the sandbox a node is made NotReady (any
 * tenant may drill that way: nothing real is hurt); on a real cluster a node is cordoned and the
 * portal's pods on it are deleted, which only platform admins may do (it touches every tenant's pods
 * on that node).
 */
public interface NodeFaults {

    /** Whether this way of failing nodes works with the cluster the portal uses now. */
    boolean available();

    /** True for the sandbox's simulated failure; false for a real cordon-and-delete. */
    boolean simulated();

    void failNode(String node);

    void recoverNode(String node);
}

/** The sandbox's simulated controllers: nodes, scheduler, kubelet, ReplicaSets, Deployments, node lifecycle. */
@NullMarked
package dev.nonstop.sandbox.internal.sim;

import org.jspecify.annotations.NullMarked;

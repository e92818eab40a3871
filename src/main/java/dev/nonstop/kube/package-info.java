/**
 * The Kubernetes layer: one fabric8 client (a real cluster or the sandbox), server-side apply with one
 * field manager, cluster-wide informers with a read-only cache, cluster health.
 */
@NullMarked
package dev.nonstop.kube;

import org.jspecify.annotations.NullMarked;

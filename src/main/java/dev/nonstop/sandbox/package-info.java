/**
 * The sandbox cluster: an in-process Kubernetes API (fabric8's mock server in CRUD mode, wrapped so it
 * behaves like an API server where Nonstop relies on it) plus simulated controllers. Used when no real
 * cluster is configured; see docs/decisions/0004-sandbox-cluster.md.
 */
@NullMarked
package dev.nonstop.sandbox;

import org.jspecify.annotations.NullMarked;

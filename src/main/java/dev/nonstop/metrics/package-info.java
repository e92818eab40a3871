/**
 * Numbers about a tenant's apps for charts and alerts: {@link dev.nonstop.metrics.MetricsService} answers
 * with series from Prometheus when one is configured, otherwise from a short in-memory window of
 * metrics.k8s.io samples and ready counts. Every query is built here and bound to the caller's namespace.
 */
@NullMarked
package dev.nonstop.metrics;

import org.jspecify.annotations.NullMarked;

/** Metrics queries and charts (arrives with the monitoring work). */
@NullMarked
package dev.nonstop.metrics;

import org.jspecify.annotations.NullMarked;

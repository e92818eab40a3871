/** App and release rows, and the reconciler that keeps the cluster as they say. */
@NullMarked
package dev.nonstop.app.internal;

import org.jspecify.annotations.NullMarked;

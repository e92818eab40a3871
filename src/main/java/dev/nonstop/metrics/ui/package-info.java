@NullMarked
package dev.nonstop.metrics.ui;

import org.jspecify.annotations.NullMarked;

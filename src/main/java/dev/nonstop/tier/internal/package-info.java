@NullMarked
package dev.nonstop.tier.internal;

import org.jspecify.annotations.NullMarked;

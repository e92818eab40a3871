@NullMarked
package dev.nonstop.tier.ui;

import org.jspecify.annotations.NullMarked;

@NullMarked
package dev.nonstop;

import org.jspecify.annotations.NullMarked;

@NullMarked
package dev.nonstop.security.internal;

import org.jspecify.annotations.NullMarked;

@NullMarked
package dev.nonstop.audit.internal;

import org.jspecify.annotations.NullMarked;

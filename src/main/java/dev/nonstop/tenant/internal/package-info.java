@NullMarked
package dev.nonstop.tenant.internal;

import org.jspecify.annotations.NullMarked;

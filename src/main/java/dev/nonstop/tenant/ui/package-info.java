@NullMarked
package dev.nonstop.tenant.ui;

import org.jspecify.annotations.NullMarked;

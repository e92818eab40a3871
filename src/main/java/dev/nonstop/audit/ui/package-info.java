@NullMarked
package dev.nonstop.audit.ui;

import org.jspecify.annotations.NullMarked;

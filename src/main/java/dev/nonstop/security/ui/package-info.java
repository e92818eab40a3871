@NullMarked
package dev.nonstop.security.ui;

import org.jspecify.annotations.NullMarked;

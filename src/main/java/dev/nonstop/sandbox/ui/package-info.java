@NullMarked
package dev.nonstop.sandbox.ui;

import org.jspecify.annotations.NullMarked;

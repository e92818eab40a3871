@NullMarked
package dev.nonstop.shell.ui;

import org.jspecify.annotations.NullMarked;

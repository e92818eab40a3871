@NullMarked
package dev.nonstop.build.ui;

import org.jspecify.annotations.NullMarked;

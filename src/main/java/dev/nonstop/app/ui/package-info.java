@NullMarked
package dev.nonstop.app.ui;

import org.jspecify.annotations.NullMarked;

@NullMarked
package dev.nonstop.assistant.ui;

import org.jspecify.annotations.NullMarked;

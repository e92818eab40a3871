/**
 * The portal's frame: app shell, main layout with navigation, error pages.
 */
@NullMarked
package dev.nonstop.shell;

import org.jspecify.annotations.NullMarked;

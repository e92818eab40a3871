/**
 * Value records and input rules shared by every feature. No Spring, nothing of ours.
 */
@NullMarked
package dev.nonstop.common;

import org.jspecify.annotations.NullMarked;

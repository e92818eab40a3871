/**
 * Small Vaadin helpers every feature's views share: showing a {@link dev.nonstop.common.UserError}
 * in the user's language, the language switch. Depends on common only.
 */
@NullMarked
package dev.nonstop.uikit;

import org.jspecify.annotations.NullMarked;

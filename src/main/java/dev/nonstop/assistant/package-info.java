/** The AI assistant that explains monitoring in plain words (arrives with the assistant work). */
@NullMarked
package dev.nonstop.assistant;

import org.jspecify.annotations.NullMarked;

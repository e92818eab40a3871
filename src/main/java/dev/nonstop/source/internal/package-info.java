/** Spring wiring of the source policy, resolver and fetcher. */
@NullMarked
package dev.nonstop.source.internal;

import org.jspecify.annotations.NullMarked;

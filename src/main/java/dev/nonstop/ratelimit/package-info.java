/**
 * Rate limits with bucket4j, kept in the database so that every portal replica sees the same buckets.
 */
@NullMarked
package dev.nonstop.ratelimit;

import org.jspecify.annotations.NullMarked;

/**
 * The tier catalogue (FREE, PAID) and each tier's limits; admin screens to edit them.
 */
@NullMarked
package dev.nonstop.tier;

import org.jspecify.annotations.NullMarked;

/** The sandbox's API server layer: the CRUD store wrapped with apply, status, GC, admission and discovery. */
@NullMarked
package dev.nonstop.sandbox.internal.api;

import org.jspecify.annotations.NullMarked;

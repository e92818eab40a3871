/**
 * The audit trail: who did what, when, to which tenant. Every feature records its changes here.
 */
@NullMarked
package dev.nonstop.audit;

import org.jspecify.annotations.NullMarked;

/**
 * Tenants: their tier, members and invitations (later: namespaces and quotas in the cluster).
 */
@NullMarked
package dev.nonstop.tenant;

import org.jspecify.annotations.NullMarked;

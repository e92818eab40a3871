/** Pure builders from a tenant and its tier to the objects of the isolation contract (DESIGN.md). */
@org.jspecify.annotations.NullMarked
package dev.nonstop.tenant.manifest;

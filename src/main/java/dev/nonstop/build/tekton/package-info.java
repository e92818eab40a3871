/**
 * Typed fabric8 resources for the Tekton v1 kinds Nonstop uses (STACK.md: fabric8's tekton-client is
 * not usable here). Only the fields Nonstop reads or writes are modelled; the rest round-trips as
 * unknown properties.
 */
@NullMarked
package dev.nonstop.build.tekton;

import org.jspecify.annotations.NullMarked;

/**
 * Source: the Git URL policy (https, allowed hosts, public addresses only), resolving a ref to a
 * commit, fetching the tree at that commit within bounds, and detecting how to build it.
 */
@NullMarked
package dev.nonstop.source;

import org.jspecify.annotations.NullMarked;

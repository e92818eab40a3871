@NullMarked
package dev.nonstop.kube.internal;

import org.jspecify.annotations.NullMarked;

/** Builds from Git sources with Tekton (arrives with the build work). */
@NullMarked
package dev.nonstop.build;

import org.jspecify.annotations.NullMarked;

/** Pure builders from a build request to the Tekton objects that run it. */
@NullMarked
package dev.nonstop.build.manifest;

import org.jspecify.annotations.NullMarked;

/** Build records, the PipelineRun watcher and the build namespace definitions. */
@NullMarked
package dev.nonstop.build.internal;

import org.jspecify.annotations.NullMarked;

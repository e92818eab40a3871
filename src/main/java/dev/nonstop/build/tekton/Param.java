package dev.nonstop.build.tekton;

/** A name/value pair: a PipelineRun parameter or a run's result. */
public record Param(String name, String value) {
}

package dev.nonstop.build.tekton;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** A Tekton v1 PipelineRun: one build. */
@Group("tekton.dev")
@Version("v1")
@Kind("PipelineRun")
@Plural("pipelineruns")
public class PipelineRun extends CustomResource<PipelineRunSpec, RunStatus> implements Namespaced {
}

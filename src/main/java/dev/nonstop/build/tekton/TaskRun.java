package dev.nonstop.build.tekton;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.Map;

/** A Tekton v1 TaskRun: one step group of a build (clone, build, push), run in one pod. */
@Group("tekton.dev")
@Version("v1")
@Kind("TaskRun")
@Plural("taskruns")
public class TaskRun extends CustomResource<Map<String, Object>, RunStatus> implements Namespaced {
}

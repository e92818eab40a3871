package dev.nonstop.sandbox.internal.sim;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Tekton simulation's reading of Pipelines: which tasks a PipelineRun goes through, with each task's
 * {@code when} expressions evaluated as Tekton does. Each Pipeline is read once per simulation pass,
 * however many runs share it.
 */
final class PipelineTasks {

    private final SimContext sim;
    /** The Pipelines read in this pass, by namespace/name. */
    private final Map<String, Optional<GenericKubernetesResource>> pipelines = new HashMap<>();

    PipelineTasks(SimContext sim) {
        this.sim = sim;
    }

    /** Forgets the Pipelines read so far: a new pass reads them again. */
    void newPass() {
        pipelines.clear();
    }

    /** The tasks a run goes through, in order: its Pipeline's (when expressions holding), or clone/build/push. */
    List<String> tasks(GenericKubernetesResource run) {
        Object spec = run.getAdditionalProperties().get("spec");
        if (spec instanceof Map<?, ?> map && map.get("pipelineRef") instanceof Map<?, ?> ref
                && ref.get("name") instanceof String name) {
            String namespace = run.getMetadata().getNamespace();
            GenericKubernetesResource pipeline = pipelines.computeIfAbsent(namespace + "/" + name, key ->
                    java.util.Optional.ofNullable(sim.client.genericKubernetesResources("tekton.dev/v1", "Pipeline")
                            .inNamespace(namespace).withName(name).get())).orElse(null);
            if (pipeline != null && pipeline.getAdditionalProperties().get("spec") instanceof Map<?, ?> pspec
                    && pspec.get("tasks") instanceof List<?> list && !list.isEmpty()) {
                List<String> names = new ArrayList<>();
                list.forEach(t -> {
                    if (whenHolds(run, pspec, (Map<?, ?>) t)) {
                        names.add(String.valueOf(((Map<?, ?>) t).get("name")));
                    }
                });
                return names;
            }
        }
        return TektonSimulator.DEFAULT_TASKS;
    }

    /**
     * A pipeline task's {@code when} expressions over {@code $(params.x)} (operators in and notin), as
     * Tekton evaluates them; a task whose expressions are false is skipped.
     */
    private static boolean whenHolds(GenericKubernetesResource run, Map<?, ?> pipelineSpec, Map<?, ?> task) {
        if (!(task.get("when") instanceof List<?> expressions)) {
            return true;
        }
        for (Object e : expressions) {
            Map<?, ?> expression = (Map<?, ?>) e;
            String input = String.valueOf(expression.get("input"));
            java.util.regex.Matcher ref = java.util.regex.Pattern.compile("\\$\\(params\\.([\\w-]+)\\)")
                    .matcher(input);
            String value = input;
            if (ref.matches()) {
                String name = ref.group(1);
                value = TektonSimulator.param(run, name);
                if (value.isEmpty() && pipelineSpec.get("params") instanceof List<?> declared) {
                    for (Object d : declared) {
                        Map<?, ?> param = (Map<?, ?>) d;
                        if (name.equals(param.get("name")) && param.get("default") != null) {
                            value = String.valueOf(param.get("default"));
                        }
                    }
                }
            }
            List<?> values = expression.get("values") instanceof List<?> v ? v : List.of();
            boolean in = values.contains(value);
            if ("notin".equals(expression.get("operator")) == in) {
                return false;
            }
        }
        return true;
    }
}

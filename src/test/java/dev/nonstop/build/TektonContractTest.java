package dev.nonstop.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nonstop.build.internal.BuildDefinitions;
import dev.nonstop.build.manifest.BuildPipelineRun;
import dev.nonstop.build.manifest.BuildRequest;
import dev.nonstop.build.tekton.Param;
import dev.nonstop.build.tekton.PipelineRun;
import dev.nonstop.common.TenantSlug;
import dev.nonstop.sandbox.internal.sim.TektonSimulator;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The four parties to a build agree on names: the PipelineRun the portal creates, the Pipeline and
 * Tasks in {@code tekton/}, the sandbox's Tekton simulation and the portal's reading of results. A
 * parameter, workspace or result that one side names and the other lacks fails here, in both directions.
 */
class TektonContractTest {

    static final Pattern PARAM_REF = Pattern.compile("\\$\\(params\\.([\\w-]+)\\)");
    static final Pattern TASK_RESULT_REF = Pattern.compile("\\$\\(tasks\\.([\\w-]+)\\.results\\.([\\w-]+)\\)");

    @Test
    void the_portal_the_definitions_and_the_simulation_agree() {
        for (boolean privateRepository : List.of(false, true)) {
            for (boolean buildpacks : List.of(false, true)) {
                assertThat(problems(pipeline(), tasks(), run(privateRepository, buildpacks),
                        TektonSimulator.PARAMS_READ, TektonSimulator.RESULTS_WRITTEN,
                        List.of(BuildPipelineRun.DIGEST_RESULT))).isEmpty();
            }
        }
    }

    @Test
    void a_param_the_run_sends_and_the_pipeline_lacks_is_caught() {
        Map<String, Object> pipeline = pipeline();
        spec(pipeline).put("params", list(spec(pipeline).get("params")).stream()
                .filter(p -> !"dockerfile".equals(p.get("name"))).toList());

        assertThat(problems(pipeline, tasks(), run(false, false), TektonSimulator.PARAMS_READ,
                TektonSimulator.RESULTS_WRITTEN, List.of(BuildPipelineRun.DIGEST_RESULT)))
                .anyMatch(p -> p.contains("dockerfile"));
    }

    @Test
    void a_result_the_simulation_writes_and_the_pipeline_lacks_is_caught_and_the_reverse() {
        assertThat(problems(pipeline(), tasks(), run(false, false), TektonSimulator.PARAMS_READ,
                List.of("IMAGE_DIGEST", "IMAGE_URL", "COMMIT", "SBOM"), List.of(BuildPipelineRun.DIGEST_RESULT)))
                .anyMatch(p -> p.contains("SBOM"));
        assertThat(problems(pipeline(), tasks(), run(false, false), TektonSimulator.PARAMS_READ,
                List.of("IMAGE_DIGEST"), List.of(BuildPipelineRun.DIGEST_RESULT)))
                .anyMatch(p -> p.contains("COMMIT"));
    }

    @Test
    void a_task_param_or_workspace_the_pipeline_does_not_wire_is_caught() {
        Map<String, Map<String, Object>> tasks = tasks();
        Map<String, Object> push = tasks.get("nonstop-push");
        List<Map<String, Object>> params = new ArrayList<>(list(push.get("params")));
        params.add(Map.of("name", "platform", "type", "string"));
        push.put("params", params);
        Map<String, Object> clone = tasks.get("nonstop-clone");
        List<Map<String, Object>> workspaces = new ArrayList<>(list(clone.get("workspaces")));
        workspaces.add(Map.of("name", "cache"));
        clone.put("workspaces", workspaces);

        assertThat(problems(pipeline(), tasks, run(false, false), TektonSimulator.PARAMS_READ,
                TektonSimulator.RESULTS_WRITTEN, List.of(BuildPipelineRun.DIGEST_RESULT)))
                .anyMatch(p -> p.contains("platform")).anyMatch(p -> p.contains("cache"));
    }

    /** Every disagreement between the run, the Pipeline, its Tasks, the simulation and the portal. */
    static List<String> problems(Map<String, Object> pipeline, Map<String, Map<String, Object>> tasks, PipelineRun run,
                                 List<String> simulatorReads, List<String> simulatorWrites, List<String> portalReads) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> spec = spec(pipeline);
        Set<String> params = names(spec.get("params"));
        Set<String> sent = new LinkedHashSet<>(run.getSpec().params.stream().map(Param::name).toList());
        difference(sent, params, "the PipelineRun sends param %s, which the Pipeline does not declare", problems);
        for (Map<String, Object> param : list(spec.get("params"))) {
            if (param.get("default") == null && !sent.contains((String) param.get("name"))) {
                problems.add("the Pipeline needs param " + param.get("name") + " and the PipelineRun does not send it");
            }
        }
        difference(Set.copyOf(simulatorReads), params, "the simulation reads param %s, which the Pipeline lacks",
                problems);

        Map<String, Boolean> workspaces = new HashMap<>();
        list(spec.get("workspaces")).forEach(w -> workspaces.put((String) w.get("name"), isOptional(w)));
        Set<String> given = new LinkedHashSet<>(run.getSpec().workspaces.stream().map(w -> (String) w.get("name")).toList());
        difference(given, workspaces.keySet(), "the PipelineRun binds workspace %s, which the Pipeline lacks", problems);
        workspaces.forEach((name, optional) -> {
            if (!optional && !given.contains(name)) {
                problems.add("the Pipeline needs workspace " + name + " and the PipelineRun does not bind it");
            }
        });

        Set<String> results = names(spec.get("results"));
        difference(Set.copyOf(simulatorWrites), results, "the simulation writes result %s, which the Pipeline lacks",
                problems);
        difference(results, Set.copyOf(simulatorWrites), "the Pipeline declares result %s, which the simulation never writes",
                problems);
        difference(Set.copyOf(portalReads), results, "the portal reads result %s, which the Pipeline lacks", problems);

        Map<String, String> taskRefs = new LinkedHashMap<>();
        for (Map<String, Object> pipelineTask : list(spec.get("tasks"))) {
            String name = (String) pipelineTask.get("name");
            String ref = (String) ((Map<?, ?>) pipelineTask.get("taskRef")).get("name");
            taskRefs.put(name, ref);
            Map<String, Object> task = tasks.get(ref);
            if (task == null) {
                problems.add("pipeline task " + name + " refers to Task " + ref + ", which tekton/tasks.yaml lacks");
                continue;
            }
            checkTask(name, pipelineTask, task, params, workspaces, problems);
            for (Map<String, Object> when : list(pipelineTask.get("when"))) {
                referencedParams(String.valueOf(when.get("input")), params, name + " when", problems);
            }
        }
        for (Map<String, Object> result : list(spec.get("results"))) {
            Matcher ref = TASK_RESULT_REF.matcher(String.valueOf(result.get("value")));
            while (ref.find()) {
                Map<String, Object> task = tasks.get(taskRefs.get(ref.group(1)));
                if (task == null || !names(task.get("results")).contains(ref.group(2))) {
                    problems.add("Pipeline result " + result.get("name") + " reads " + ref.group() + ", which no task writes");
                }
            }
        }
        return problems;
    }

    private static void checkTask(String name, Map<String, Object> pipelineTask, Map<String, Object> task,
                                  Set<String> pipelineParams, Map<String, Boolean> pipelineWorkspaces,
                                  List<String> problems) {
        Set<String> passed = names(pipelineTask.get("params"));
        Set<String> declared = names(task.get("params"));
        difference(passed, declared, "pipeline task " + name + " passes param %s, which its Task lacks", problems);
        for (Map<String, Object> param : list(task.get("params"))) {
            if (param.get("default") == null && !passed.contains((String) param.get("name"))) {
                problems.add("Task of " + name + " needs param " + param.get("name") + " and the Pipeline does not pass it");
            }
        }
        for (Map<String, Object> param : list(pipelineTask.get("params"))) {
            referencedParams(String.valueOf(param.get("value")), pipelineParams, name, problems);
        }
        Map<String, String> bound = new HashMap<>();
        list(pipelineTask.get("workspaces")).forEach(w -> bound.put((String) w.get("name"), (String) w.get("workspace")));
        Set<String> taskWorkspaces = names(task.get("workspaces"));
        difference(bound.keySet(), taskWorkspaces, "pipeline task " + name + " binds workspace %s, which its Task lacks",
                problems);
        for (Map<String, Object> workspace : list(task.get("workspaces"))) {
            String workspaceName = (String) workspace.get("name");
            String from = bound.get(workspaceName);
            if (from == null && !isOptional(workspace)) {
                problems.add("Task of " + name + " needs workspace " + workspaceName + " and the Pipeline does not bind it");
            } else if (from != null && !pipelineWorkspaces.containsKey(from)) {
                problems.add("pipeline task " + name + " binds " + workspaceName + " to " + from + ", which the Pipeline lacks");
            } else if (from != null && pipelineWorkspaces.get(from) && !isOptional(workspace)) {
                problems.add("Task of " + name + " needs workspace " + workspaceName + " but the Pipeline's " + from
                        + " is optional");
            }
        }
    }

    private static void referencedParams(String text, Set<String> params, String where, List<String> problems) {
        Matcher ref = PARAM_REF.matcher(text);
        while (ref.find()) {
            if (!params.contains(ref.group(1))) {
                problems.add(where + " refers to $(params." + ref.group(1) + "), which the Pipeline lacks");
            }
        }
    }

    private static void difference(Set<String> left, Set<String> right, String message, List<String> problems) {
        left.stream().filter(name -> !right.contains(name)).forEach(name -> problems.add(message.formatted(name)));
    }

    private static boolean isOptional(Map<String, Object> workspace) {
        return Boolean.TRUE.equals(workspace.get("optional"));
    }

    static PipelineRun run(boolean privateRepository, boolean buildpacks) {
        return BuildPipelineRun.of(new BuildRequest(new TenantSlug("acme"), "shop", 42, "https://github.com/acme/shop",
                "0123456789abcdef0123456789abcdef01234567", "registry.example/apps/acme/shop:b42", ".", "Dockerfile",
                buildpacks, privateRepository ? "acme-git" : null, Duration.ofMinutes(20)), "nonstop-builds");
    }

    /** A fresh, mutable copy of the Pipeline from {@code tekton/pipeline.yaml}. */
    static Map<String, Object> pipeline() {
        return definitions("Pipeline").values().iterator().next();
    }

    /** Fresh, mutable copies of the Tasks' specs from {@code tekton/tasks.yaml}, by name. */
    static Map<String, Map<String, Object>> tasks() {
        Map<String, Map<String, Object>> tasks = new LinkedHashMap<>();
        definitions("Task").forEach((name, definition) -> tasks.put(name, spec(definition)));
        return tasks;
    }

    private static Map<String, Map<String, Object>> definitions(String kind) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        BuildDefinitions.tektonDefinitions().stream().filter(d -> d.getKind().equals(kind))
                .forEach(d -> {
                    Map<String, Object> copy = new LinkedHashMap<>(((GenericKubernetesResource) d).getAdditionalProperties());
                    copy.put("spec", new LinkedHashMap<>(spec(copy)));
                    found.put(d.getMetadata().getName(), copy);
                });
        return found;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(Map<String, Object> definition) {
        return (Map<String, Object>) definition.get("spec");
    }

    private static Set<String> names(Object list) {
        Set<String> names = new LinkedHashSet<>();
        list(list).forEach(item -> names.add((String) item.get("name")));
        return names;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return value instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }
}

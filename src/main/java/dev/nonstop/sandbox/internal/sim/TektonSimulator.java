package dev.nonstop.sandbox.internal.sim;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Tekton v1 PipelineRuns, simulated: Started → Running → Succeeded or Failed, one TaskRun per pipeline
 * task (the Pipeline's tasks, or clone/build/push), each with its steps, a pod whose log tells what the
 * step did, and the {@code IMAGE_DIGEST} and {@code IMAGE_URL} results. Fixtures choose a failure with
 * the annotation {@code sandbox.nonstop.dev/fail-at: <task>} (and {@code …/fail-reason}); each task takes
 * {@code sandbox.nonstop.dev/task-seconds} simulated seconds (default 10).
 */
public final class TektonSimulator {

    public static final String FAIL_AT = "sandbox.nonstop.dev/fail-at";
    public static final String FAIL_REASON = "sandbox.nonstop.dev/fail-reason";
    public static final String TASK_SECONDS = "sandbox.nonstop.dev/task-seconds";
    /** Pods of simulated TaskRuns: the kubelet and scheduler leave them to this simulator. */
    public static final String SIM_LABEL = "sandbox.nonstop.dev/simulated-by";
    public static final String LOG_ANNOTATION = "sandbox.nonstop.dev/log";
    /** Tekton's reason for a TaskRun whose pod the namespace's ResourceQuota refused (it is retried). */
    public static final String WAITING_FOR_QUOTA = "ExceededResourceQuota";
    static final List<String> DEFAULT_TASKS = List.of("clone", "build", "push");
    /** The PipelineRun parameters the simulation reads (besides those the Pipeline's when expressions name). */
    public static final List<String> PARAMS_READ = List.of("repo-url", "revision", "image");
    /** The results a simulated run reports; TektonContractTest holds both lists to {@code tekton/}. */
    public static final List<String> RESULTS_WRITTEN = List.of("IMAGE_DIGEST", "IMAGE_URL", "COMMIT");

    private final SimContext sim;
    private final SharedIndexInformer<GenericKubernetesResource> runs;
    private final PipelineTasks pipelines;

    public TektonSimulator(SimContext sim) {
        this.sim = sim;
        this.pipelines = new PipelineTasks(sim);
        this.runs = sim.client.genericKubernetesResources("tekton.dev/v1", "PipelineRun").inAnyNamespace().inform();
    }

    public void tick() {
        Instant now = sim.now();
        pipelines.newPass();
        for (GenericKubernetesResource run : runs.getStore().list()) {
            if (isDone(run)) {
                continue;
            }
            try {
                advance(run, now);
            } catch (KubernetesClientException e) {
                // deleted or raced; the next tick sees the current state
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> status(GenericKubernetesResource run) {
        Object status = run.getAdditionalProperties().get("status");
        return status instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static boolean isDone(GenericKubernetesResource run) {
        return status(run).get("completionTime") != null;
    }

    private static boolean cancelled(GenericKubernetesResource run) {
        return run.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec
                && spec.get("status") instanceof String status && status.startsWith("Cancelled")
                || run.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec2
                && "StoppedRunFinally".equals(spec2.get("status"));
    }

    private void advance(GenericKubernetesResource run, Instant now) {
        Map<String, String> annotations = run.getMetadata().getAnnotations() == null ? Map.of()
                : run.getMetadata().getAnnotations();
        Object startValue = status(run).get("startTime");
        Instant start = startValue == null ? now : Instant.parse(String.valueOf(startValue));
        Duration perTask = Duration.ofSeconds(Long.parseLong(annotations.getOrDefault(TASK_SECONDS, "10")));
        var rule = sim.buildFaults.match(param(run, "repo-url"));
        String failAt = rule.map(BuildFaults.Rule::task).orElse(annotations.get(FAIL_AT));
        List<String> tasks = pipelines.tasks(run);
        List<Map<String, Object>> children = new ArrayList<>();
        String outcome = "Running";
        String message = "";
        Instant completion = null;
        boolean cancel = cancelled(run);
        Instant cursor = start;
        for (int i = 0; i < tasks.size(); i++) {
            String task = tasks.get(i);
            if (now.isBefore(cursor)) {
                break;
            }
            String taskRun = run.getMetadata().getName() + "-" + task;
            children.add(Map.of("apiVersion", "tekton.dev/v1", "kind", "TaskRun", "name", taskRun,
                    "pipelineTaskName", task));
            Stage stage = stage(run, task, taskRun, cursor, now);
            if (stage.refusal() != null) {
                // as Tekton does, the TaskRun waits and the pod is asked for again on the next pass
                if (cancel) {
                    writeTaskRun(run, task, stage, stage.seen(), stage.seen(), now, "TaskRunCancelled", now, null);
                    outcome = "Cancelled";
                    message = "PipelineRun \"" + run.getMetadata().getName() + "\" was cancelled";
                    completion = now;
                } else {
                    writeTaskRun(run, task, stage, stage.seen(), null, null, "Succeeded", now, stage.refusal());
                }
                break;
            }
            Instant taskStart = stage.podStart();
            Instant taskEnd = taskStart.plus(perTask);
            boolean finished = !now.isBefore(taskEnd);
            if (cancel && !finished) {
                writeTaskRun(run, task, stage, stage.seen(), taskStart, now, "TaskRunCancelled", now, null);
                outcome = "Cancelled";
                message = "PipelineRun \"" + run.getMetadata().getName() + "\" was cancelled";
                completion = now;
                break;
            }
            boolean fails = task.equals(failAt);
            String reason = fails ? rule.map(BuildFaults.Rule::reason)
                    .orElse(annotations.getOrDefault(FAIL_REASON, "Failed")) : "Succeeded";
            writeTaskRun(run, task, stage, stage.seen(), taskStart, finished ? taskEnd : null, reason, now, null);
            if (finished && fails) {
                outcome = "Failed";
                message = "Tasks Completed: " + (i + 1) + " (Failed: 1, Cancelled 0), Skipped: "
                        + (tasks.size() - i - 1) + "; task " + task + " failed: " + reason;
                completion = taskEnd;
                break;
            }
            if (finished && i == tasks.size() - 1) {
                outcome = "Succeeded";
                message = "Tasks Completed: " + tasks.size() + " (Failed: 0, Cancelled 0), Skipped: 0";
                completion = taskEnd;
            }
            cursor = taskEnd;
        }
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("startTime", start.toString());
        status.put("conditions", List.of(Map.of("type", "Succeeded",
                "status", completion == null ? "Unknown" : "Succeeded".equals(outcome) ? "True" : "False",
                "reason", completion == null ? (children.isEmpty() ? "Started" : "Running") : outcome,
                "message", completion == null ? "Tasks Completed: " + Math.max(0, children.size() - 1)
                        + " (Failed: 0, Cancelled 0), Incomplete: " + (tasks.size() - children.size() + 1) : message,
                "lastTransitionTime", now.toString())));
        status.put("childReferences", children);
        if (completion != null) {
            status.put("completionTime", completion.toString());
            if ("Succeeded".equals(outcome)) {
                status.put("results", List.of(Map.of("name", "IMAGE_DIGEST", "value", digest(run)),
                        Map.of("name", "IMAGE_URL", "value", param(run, "image")),
                        Map.of("name", "COMMIT", "value", param(run, "revision"))));
            }
        }
        if (status.equals(status(run))) {
            return;
        }
        GenericKubernetesResource copy = sim.client.genericKubernetesResources("tekton.dev/v1", "PipelineRun")
                .inNamespace(run.getMetadata().getNamespace()).withName(run.getMetadata().getName()).get();
        if (copy != null) {
            copy.getAdditionalProperties().put("status", status);
            sim.client.genericKubernetesResources("tekton.dev/v1", "PipelineRun")
                    .inNamespace(run.getMetadata().getNamespace()).resource(copy).updateStatus();
        }
    }

    /** Where one pipeline task stands: when its TaskRun was first seen, when its pod started, or why not yet. */
    private record Stage(GenericKubernetesResource taskRun, @Nullable Pod pod, Instant seen,
                         @Nullable Instant podStart, @Nullable String refusal) {
    }

    /**
     * Finds or creates the task's TaskRun and pod. A pod the namespace's quota refuses leaves the task
     * waiting ({@code ExceededResourceQuota}), as Tekton's TaskRun reconciler does; a pod admitted after
     * such a wait starts now, otherwise where the previous task ended.
     */
    private Stage stage(GenericKubernetesResource run, String task, String name, Instant cursor, Instant now) {
        String namespace = run.getMetadata().getNamespace();
        var taskRuns = sim.client.genericKubernetesResources("tekton.dev/v1", "TaskRun").inNamespace(namespace);
        GenericKubernetesResource taskRun = taskRuns.withName(name).get();
        if (taskRun == null) {
            taskRun = new GenericKubernetesResource();
            taskRun.setApiVersion("tekton.dev/v1");
            taskRun.setKind("TaskRun");
            taskRun.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name)
                    .withNamespace(namespace).withLabels(run.getMetadata().getLabels())
                    .addToLabels("tekton.dev/pipelineRun", run.getMetadata().getName())
                    .addToLabels("tekton.dev/pipelineTask", task)
                    .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("tekton.dev/v1")
                            .withKind("PipelineRun").withName(run.getMetadata().getName())
                            .withUid(run.getMetadata().getUid()).withController(true).build())
                    .build());
            taskRun.getAdditionalProperties().put("spec", Map.of("taskRef", Map.of("name", task)));
            taskRun = taskRuns.resource(taskRun).create();
        }
        Map<String, Object> status = status(taskRun);
        Instant seen = status.get("startTime") == null ? cursor : Instant.parse(String.valueOf(status.get("startTime")));
        Pod pod = sim.client.pods().inNamespace(namespace).withName(name + "-pod").get();
        if (pod != null) {
            String started = pod.getStatus() == null ? null : pod.getStatus().getStartTime();
            return new Stage(taskRun, pod, seen, started == null ? cursor : Instant.parse(started), null);
        }
        Instant podStart = WAITING_FOR_QUOTA.equals(reason(status)) ? now : cursor;
        try {
            return new Stage(taskRun, createPod(run, task, taskRun, name + "-pod", podStart), seen, podStart, null);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 403 && String.valueOf(e.getMessage()).contains("exceeded quota")) {
                String detail = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                        : String.valueOf(e.getMessage());
                return new Stage(taskRun, null, seen, null, "TaskRun Pod exceeded available resources: " + detail);
            }
            throw e;
        }
    }

    @SuppressWarnings("unchecked")
    private static @Nullable Object reason(Map<String, Object> status) {
        return status.get("conditions") instanceof List<?> list && !list.isEmpty()
                && list.getFirst() instanceof Map<?, ?> condition ? condition.get("reason") : null;
    }

    /**
     * Writes a TaskRun's status: waiting for room ({@code refusal}), running since {@code podStart}, or
     * ended at {@code end}; and brings its pod's phase and log along.
     */
    private void writeTaskRun(GenericKubernetesResource run, String task, Stage stage, Instant seen,
                              @Nullable Instant podStart, @Nullable Instant end, String failReason, Instant now,
                              @Nullable String refusal) {
        String namespace = run.getMetadata().getNamespace();
        var taskRuns = sim.client.genericKubernetesResources("tekton.dev/v1", "TaskRun").inNamespace(namespace);
        GenericKubernetesResource taskRun = stage.taskRun();
        String name = taskRun.getMetadata().getName();
        // the caller passes "Succeeded" for a task that does not fail
        boolean failed = end != null && !"Succeeded".equals(failReason);
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("name", task);
        step.put("container", "step-" + task);
        Instant stepStart = podStart == null ? seen : podStart;
        if (podStart == null && end == null) {
            step.put("waiting", Map.of("reason", "Pending"));
        } else if (end == null) {
            step.put("running", Map.of("startedAt", stepStart.toString()));
        } else {
            step.put("terminated", Map.of("exitCode", failed ? 1 : 0, "reason", failed ? failReason : "Completed",
                    "startedAt", stepStart.toString(), "finishedAt", end.toString()));
        }
        String podName = name + "-pod";
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("podName", podName);
        status.put("startTime", seen.toString());
        status.put("steps", List.of(step));
        Map<String, Object> condition = new LinkedHashMap<>();
        condition.put("type", "Succeeded");
        condition.put("status", end == null ? "Unknown" : failed ? "False" : "True");
        condition.put("reason", refusal != null ? WAITING_FOR_QUOTA : end == null ? "Running"
                : failed ? "Failed" : "Succeeded");
        if (refusal != null) {
            condition.put("message", refusal);
        }
        condition.put("lastTransitionTime", now.toString());
        Map<String, Object> old = status(taskRun);
        if (refusal != null && WAITING_FOR_QUOTA.equals(reason(old))) {
            return; // still waiting: nothing new to say
        }
        status.put("conditions", List.of(condition));
        if (end != null) {
            status.put("completionTime", end.toString());
        }
        if (!status.equals(old)) {
            taskRun.getAdditionalProperties().put("status", status);
            taskRun.getMetadata().setResourceVersion(null);
            taskRuns.resource(taskRun).updateStatus();
        }
        if (podStart != null && stage.pod() != null) {
            updatePod(run, task, stage.pod(), podStart, end, failed, failReason);
        }
    }

    private Pod createPod(GenericKubernetesResource run, String task, GenericKubernetesResource taskRun,
                           String podName, Instant start) {
        String namespace = run.getMetadata().getNamespace();
        Pod pod = new PodBuilder().withNewMetadata().withName(podName).withNamespace(namespace)
                .addToLabels(SIM_LABEL, "tekton").addToLabels("tekton.dev/taskRun", taskRun.getMetadata().getName())
                .addToAnnotations(LOG_ANNOTATION, logOf(run, task, start, null, false, ""))
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("tekton.dev/v1").withKind("TaskRun")
                        .withName(taskRun.getMetadata().getName()).withUid(taskRun.getMetadata().getUid())
                        .withController(true).build())
                .endMetadata().withNewSpec().withRestartPolicy("Never").addNewContainer().withName("step-" + task)
                .withImage("sandbox/tekton-step:" + task).endContainer().endSpec()
                .withNewStatus().withPhase("Running").withStartTime(start.toString()).endStatus().build();
        Pod created = sim.client.resource(pod).create();
        created.setStatus(pod.getStatus());
        return sim.client.resource(created).updateStatus();
    }

    private void updatePod(GenericKubernetesResource run, String task, Pod pod, Instant start,
                           @Nullable Instant end, boolean failed, String failReason) {
        String log = logOf(run, task, start, end, failed, failReason);
        String phase = end == null ? "Running" : failed ? "Failed" : "Succeeded";
        if (!log.equals(pod.getMetadata().getAnnotations().get(LOG_ANNOTATION))) {
            pod.getMetadata().getAnnotations().put(LOG_ANNOTATION, log);
            pod.getMetadata().setResourceVersion(null);
            pod = sim.client.resource(pod).update();
        }
        if (pod.getStatus() == null) {
            pod.setStatus(new io.fabric8.kubernetes.api.model.PodStatus());
        }
        if (!phase.equals(pod.getStatus().getPhase()) || pod.getStatus().getStartTime() == null) {
            pod.getStatus().setPhase(phase);
            pod.getStatus().setStartTime(start.toString());
            pod.getMetadata().setResourceVersion(null);
            sim.client.resource(pod).updateStatus();
        }
    }

    private static String logOf(GenericKubernetesResource run, String task, Instant start, Instant end,
                                boolean failed, String failReason) {
        String url = param(run, "repo-url");
        String image = param(run, "image");
        List<String> lines = new ArrayList<>();
        lines.add(start + " [sandbox] step " + task + " started (simulated: nothing is built)");
        switch (task) {
            case "clone" -> lines.add(start + " + git fetch --depth 1 -- " + (url.isEmpty() ? "<repository>" : url)
                    + " " + param(run, "revision"));
            case "build" -> lines.add(start + " + buildah build -f src/" + param(run, "dockerfile")
                    + " -t nonstop-build src/" + param(run, "context-dir"));
            case "build-buildpacks" -> lines.add(start + " + /cnb/lifecycle/creator -app=src/"
                    + param(run, "context-dir") + " -layout nonstop-build");
            case "push" -> lines.add(start + " + skopeo copy oci:out/image docker://" + image);
            default -> lines.add(start + " + " + task);
        }
        if (end != null) {
            lines.add(end + (failed ? " error: step " + task + " failed: " + failReason : " step " + task
                    + " completed"));
        }
        return String.join("\n", lines) + "\n";
    }

    @SuppressWarnings("unchecked")
    static String param(GenericKubernetesResource run, String name) {
        Object spec = run.getAdditionalProperties().get("spec");
        if (spec instanceof Map<?, ?> map && map.get("params") instanceof List<?> params) {
            for (Object p : params) {
                Map<String, Object> param = (Map<String, Object>) p;
                if (name.equals(param.get("name"))) {
                    return String.valueOf(param.get("value"));
                }
            }
        }
        return "";
    }

    private static String digest(GenericKubernetesResource run) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((run.getMetadata().getUid() + param(run, "image"))
                    .getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public void close() {
        runs.close();
    }
}

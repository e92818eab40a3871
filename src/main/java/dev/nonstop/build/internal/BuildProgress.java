package dev.nonstop.build.internal;

import dev.nonstop.build.BuildStatus;
import dev.nonstop.build.BuildStep;
import dev.nonstop.build.manifest.BuildPipelineRun;
import dev.nonstop.build.tekton.PipelineRun;
import dev.nonstop.build.tekton.RunStatus;
import dev.nonstop.build.tekton.TaskRun;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads a build's state from its PipelineRun and TaskRuns, as the informers hold them: the stage
 * list, the overall status, and — for a failed build — which stage failed and how.
 */
record BuildProgress(BuildStatus status, List<BuildStep> steps, @Nullable Instant startedAt,
                     @Nullable Instant finishedAt, @Nullable String digest, @Nullable Failure failure) {

    /** The stage that failed, its step's termination reason and exit code, and the run's reason and message. */
    record Failure(String stage, String podName, String stepReason, int exitCode, String runReason,
                   String runMessage) {
    }

    static final String TASK_LABEL = "tekton.dev/pipelineTask";

    static BuildProgress of(PipelineRun run, List<TaskRun> taskRuns) {
        RunStatus status = run.getStatus();
        Optional<Condition> succeeded = status == null ? Optional.empty() : status.succeeded();
        boolean done = succeeded.map(c -> !"Unknown".equals(c.getStatus())).orElse(false);
        List<BuildStep> steps = new ArrayList<>();
        Failure failure = null;
        String running = null;
        boolean waiting = false;
        for (String stage : BuildStep.STAGES) {
            TaskRun taskRun = taskRunOf(stage, taskRuns);
            if (taskRun == null || taskRun.getStatus() == null) {
                steps.add(new BuildStep(stage, done ? BuildStep.State.SKIPPED : BuildStep.State.WAITING, null, null));
                continue;
            }
            RunStatus ts = taskRun.getStatus();
            if (waitingForRoom(ts)) {
                // Tekton asks for the pod again until the build namespace's quota has room
                waiting = true;
                steps.add(new BuildStep(stage, done ? BuildStep.State.SKIPPED : BuildStep.State.WAITING, null, null));
                continue;
            }
            String state = ts.succeeded().map(Condition::getStatus).orElse("Unknown");
            BuildStep.State s = switch (state) {
                case "True" -> BuildStep.State.DONE;
                case "False" -> BuildStep.State.FAILED;
                default -> BuildStep.State.RUNNING;
            };
            if (s == BuildStep.State.RUNNING) {
                running = stage;
            }
            if (s == BuildStep.State.FAILED && failure == null) {
                failure = failureOf(stage, taskRun, succeeded.orElse(null));
            }
            steps.add(new BuildStep(stage, s, instant(ts.startTime), instant(ts.completionTime)));
        }
        BuildStatus overall;
        if (!done) {
            boolean nothingDone = steps.stream().noneMatch(s -> s.state() == BuildStep.State.DONE);
            overall = running == null ? (status == null || status.startTime == null || waiting && nothingDone
                    ? BuildStatus.QUEUED : lastStarted(steps)) : switch (running) {
                        case "clone" -> BuildStatus.CLONING;
                        case "build" -> BuildStatus.BUILDING;
                        default -> BuildStatus.PUSHING;
                    };
        } else if ("True".equals(succeeded.get().getStatus())) {
            overall = BuildStatus.SUCCEEDED;
        } else {
            String reason = String.valueOf(succeeded.get().getReason());
            overall = reason.contains("Cancel") || reason.contains("Stopped") ? BuildStatus.CANCELLED
                    : BuildStatus.FAILED;
            if (failure == null) {
                failure = new Failure("", "", "", 0, reason, String.valueOf(succeeded.get().getMessage()));
            }
        }
        String digest = status == null ? null : status.result(BuildPipelineRun.DIGEST_RESULT).orElse(null);
        return new BuildProgress(overall, steps, status == null ? null : instant(status.startTime),
                status == null ? null : instant(status.completionTime), digest, failure);
    }

    /** A TaskRun whose pod the namespace's quota (or the nodes) could not take yet: Tekton retries it. */
    static boolean waitingForRoom(RunStatus status) {
        return status.succeeded().map(c -> "Unknown".equals(c.getStatus())
                && WAITING_REASONS.contains(String.valueOf(c.getReason()))).orElse(false);
    }

    private static final java.util.Set<String> WAITING_REASONS = java.util.Set.of("ExceededResourceQuota",
            "ExceededNodeResources", "Pending");

    private static BuildStatus lastStarted(List<BuildStep> steps) {
        BuildStatus status = BuildStatus.CLONING;
        for (BuildStep step : steps) {
            if (step.state() == BuildStep.State.DONE) {
                status = switch (step.name()) {
                    case "clone" -> BuildStatus.BUILDING;
                    default -> BuildStatus.PUSHING;
                };
            }
        }
        return status;
    }

    private static @Nullable TaskRun taskRunOf(String stage, List<TaskRun> taskRuns) {
        for (TaskRun taskRun : taskRuns) {
            String task = taskRun.getMetadata().getLabels() == null ? null
                    : taskRun.getMetadata().getLabels().get(TASK_LABEL);
            if (stage.equals(task) || ("build".equals(stage) && "build-buildpacks".equals(task))) {
                return taskRun;
            }
        }
        return null;
    }

    private static Failure failureOf(String stage, TaskRun taskRun, @Nullable Condition runCondition) {
        String stepReason = "";
        int exitCode = 0;
        for (Map<String, Object> step : taskRun.getStatus().steps) {
            if (step.get("terminated") instanceof Map<?, ?> terminated) {
                Object code = terminated.get("exitCode");
                int c = code instanceof Number n ? n.intValue() : 0;
                if (c != 0 || !"Completed".equals(terminated.get("reason"))) {
                    stepReason = String.valueOf(terminated.get("reason"));
                    exitCode = c;
                }
            }
        }
        Condition taskCondition = taskRun.getStatus().succeeded().orElse(null);
        String runReason = runCondition == null ? "" : String.valueOf(runCondition.getReason());
        String message = (taskCondition == null ? "" : String.valueOf(taskCondition.getMessage())) + " "
                + (runCondition == null ? "" : String.valueOf(runCondition.getMessage()));
        return new Failure(stage, String.valueOf(taskRun.getStatus().podName), stepReason, exitCode,
                runReason + " " + (taskCondition == null ? "" : taskCondition.getReason()), message.strip());
    }

    private static @Nullable Instant instant(@Nullable String text) {
        return text == null || text.isBlank() ? null : Instant.parse(text);
    }
}

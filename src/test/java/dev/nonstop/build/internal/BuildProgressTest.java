package dev.nonstop.build.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nonstop.build.BuildStatus;
import dev.nonstop.build.BuildStep;
import dev.nonstop.build.tekton.PipelineRun;
import dev.nonstop.build.tekton.RunStatus;
import dev.nonstop.build.tekton.TaskRun;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a user reads from a build while Tekton waits for room in the build namespace's quota. */
class BuildProgressTest {

    private static RunStatus status(String conditionStatus, String reason) {
        RunStatus status = new RunStatus();
        status.startTime = "2026-12-02T10:00:00Z";
        status.conditions.add(new ConditionBuilder().withType("Succeeded").withStatus(conditionStatus)
                .withReason(reason).withMessage("").build());
        return status;
    }

    private static PipelineRun run() {
        PipelineRun run = new PipelineRun();
        run.setMetadata(new ObjectMetaBuilder().withName("build-7").build());
        run.setStatus(status("Unknown", "Running"));
        return run;
    }

    private static TaskRun task(String stage, String conditionStatus, String reason) {
        TaskRun taskRun = new TaskRun();
        taskRun.setMetadata(new ObjectMetaBuilder().withName("build-7-" + stage)
                .addToLabels(BuildProgress.TASK_LABEL, stage).build());
        taskRun.setStatus(status(conditionStatus, reason));
        return taskRun;
    }

    @Test
    void a_first_stage_waiting_for_quota_reads_as_queued_not_cloning() {
        BuildProgress progress = BuildProgress.of(run(), List.of(task("clone", "Unknown", "ExceededResourceQuota")));

        assertThat(progress.status()).isEqualTo(BuildStatus.QUEUED);
        assertThat(progress.steps()).extracting(BuildStep::state)
                .containsExactly(BuildStep.State.WAITING, BuildStep.State.WAITING, BuildStep.State.WAITING);
    }

    @Test
    void a_later_stage_waiting_for_quota_keeps_the_done_stage_and_waits() {
        BuildProgress progress = BuildProgress.of(run(), List.of(task("clone", "True", "Succeeded"),
                task("build", "Unknown", "ExceededResourceQuota")));

        assertThat(progress.status()).isEqualTo(BuildStatus.BUILDING);
        assertThat(progress.steps()).extracting(BuildStep::state)
                .containsExactly(BuildStep.State.DONE, BuildStep.State.WAITING, BuildStep.State.WAITING);
    }

    @Test
    void a_running_stage_reads_as_running() {
        BuildProgress progress = BuildProgress.of(run(), List.of(task("clone", "Unknown", "Running")));

        assertThat(progress.status()).isEqualTo(BuildStatus.CLONING);
        assertThat(progress.steps().getFirst().state()).isEqualTo(BuildStep.State.RUNNING);
    }
}

package dev.nonstop.build.internal;

import dev.nonstop.build.BuildSettings;
import dev.nonstop.build.tekton.TaskRun;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;

/** Reads the logs of a build's step pods, stage by stage, bounded to the last lines kept. */
@Component
class BuildLogs {

    private final KubernetesClient client;
    private final BuildSettings settings;

    BuildLogs(KubernetesClient client, BuildSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    String read(List<TaskRun> taskRuns) {
        List<String> lines = new ArrayList<>();
        taskRuns.stream().filter(t -> t.getStatus() != null && t.getStatus().podName != null)
                .sorted(Comparator.comparing(t -> String.valueOf(t.getStatus().startTime)))
                .forEach(t -> {
                    String stage = t.getMetadata().getLabels() == null ? "" : String.valueOf(
                            t.getMetadata().getLabels().get(BuildProgress.TASK_LABEL));
                    lines.add("── " + stage + " ──");
                    try {
                        String log = client.pods().inNamespace(settings.namespace()).withName(t.getStatus().podName)
                                .tailingLines(settings.keepLogLines()).getLog();
                        lines.addAll(log == null ? List.of() : log.lines().toList());
                    } catch (KubernetesClientException gone) {
                        lines.add("(log not available: " + gone.getCode() + ")");
                    }
                });
        return String.join("\n", lines.size() > settings.keepLogLines()
                ? lines.subList(lines.size() - settings.keepLogLines(), lines.size()) : lines);
    }
}

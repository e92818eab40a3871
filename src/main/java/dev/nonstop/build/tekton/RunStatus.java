package dev.nonstop.build.tekton;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The status of a PipelineRun or TaskRun as Nonstop reads it: the Succeeded condition, times,
 * results, the TaskRuns of a PipelineRun, and the steps and pod of a TaskRun.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RunStatus {

    public List<Condition> conditions = new ArrayList<>();
    public @Nullable String startTime;
    public @Nullable String completionTime;
    public List<Param> results = new ArrayList<>();
    public List<Map<String, Object>> childReferences = new ArrayList<>();
    public List<Map<String, Object>> steps = new ArrayList<>();
    public @Nullable String podName;

    public Optional<Condition> succeeded() {
        return conditions.stream().filter(c -> "Succeeded".equals(c.getType())).findFirst();
    }

    public Optional<String> result(String name) {
        return results.stream().filter(r -> name.equals(r.name())).map(Param::value).findFirst();
    }
}

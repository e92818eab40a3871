package dev.nonstop.build.tekton;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The parts of a PipelineRun's spec that Nonstop sets. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PipelineRunSpec {

    public @Nullable Map<String, String> pipelineRef;
    public List<Param> params = new ArrayList<>();
    public List<Map<String, Object>> workspaces = new ArrayList<>();
    public @Nullable Map<String, String> timeouts;
    public @Nullable Map<String, Object> taskRunTemplate;
    /** "Cancelled" asks Tekton to stop the run. */
    public @Nullable String status;
}

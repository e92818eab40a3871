package dev.nonstop.build.manifest;

import dev.nonstop.build.tekton.Param;
import dev.nonstop.build.tekton.PipelineRun;
import dev.nonstop.build.tekton.PipelineRunSpec;
import dev.nonstop.kube.KubeLabels;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PipelineRun of one build: in the platform build namespace (never the tenant's), labelled back
 * to tenant, app and build, running the {@value #PIPELINE} pipeline as the builder service account,
 * with a fresh volume as workspace and the run's time bounded; on the build node pool when there is one
 * (where the buildah step's seccomp and AppArmor profiles are installed, see {@code tekton/README.md}).
 */
public final class BuildPipelineRun {

    public static final String PIPELINE = "nonstop-build";
    public static final String SERVICE_ACCOUNT = "nonstop-builder";
    public static final String BUILD_LABEL = "nonstop.dev/build";
    public static final String COMPONENT = "build";
    /** The Pipeline result the portal reads: the digest the new release runs, never a tag. */
    public static final String DIGEST_RESULT = "IMAGE_DIGEST";
    /** The node label (and taint) key of the build node pool. */
    public static final String POOL_LABEL = "nonstop.dev/pool";

    private BuildPipelineRun() {
    }

    public static String name(BuildRequest request) {
        return "build-" + request.buildId();
    }

    public static PipelineRun of(BuildRequest request, String buildNamespace) {
        return of(request, buildNamespace, "");
    }

    public static PipelineRun of(BuildRequest request, String buildNamespace, String nodePool) {
        PipelineRun run = new PipelineRun();
        Map<String, String> labels = KubeLabels.standard(request.tenant().value(), COMPONENT, request.app());
        labels.put(BUILD_LABEL, String.valueOf(request.buildId()));
        run.setMetadata(new ObjectMetaBuilder().withName(name(request)).withNamespace(buildNamespace)
                .withLabels(labels).build());
        PipelineRunSpec spec = new PipelineRunSpec();
        spec.pipelineRef = Map.of("name", PIPELINE);
        spec.params = List.of(
                new Param("repo-url", request.repoUrl()),
                new Param("revision", request.commit()),
                new Param("image", request.image()),
                new Param("context-dir", request.contextDir()),
                new Param("dockerfile", request.dockerfile().isEmpty() ? "Dockerfile" : request.dockerfile()),
                new Param("builder", request.buildpacks() ? "buildpacks" : "dockerfile"));
        List<Map<String, Object>> workspaces = new ArrayList<>();
        workspaces.add(Map.of("name", "source", "volumeClaimTemplate", Map.of("spec", Map.of(
                "accessModes", List.of("ReadWriteOnce"),
                "resources", Map.of("requests", Map.of("storage", "2Gi"))))));
        if (request.gitSecret() != null) {
            workspaces.add(Map.of("name", "git-credentials", "secret", Map.of("secretName", request.gitSecret())));
        }
        workspaces.add(Map.of("name", "registry-credentials", "secret", Map.of("secretName", "nonstop-registry",
                "optional", true)));
        spec.workspaces = workspaces;
        spec.timeouts = Map.of("pipeline", request.timeout().toSeconds() + "s");
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("serviceAccountName", SERVICE_ACCOUNT);
        Map<String, Object> pod = new LinkedHashMap<>();
        pod.put("automountServiceAccountToken", false);
        pod.put("securityContext", Map.of("fsGroup", 1000));
        if (!nodePool.isEmpty()) {
            pod.put("nodeSelector", Map.of(POOL_LABEL, nodePool));
            pod.put("tolerations", List.of(Map.of("key", POOL_LABEL, "operator", "Equal", "value", nodePool,
                    "effect", "NoSchedule")));
        }
        template.put("podTemplate", pod);
        spec.taskRunTemplate = template;
        run.setSpec(spec);
        return run;
    }
}

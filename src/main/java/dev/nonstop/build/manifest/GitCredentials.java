package dev.nonstop.build.manifest;

import dev.nonstop.build.tekton.PipelineRun;
import dev.nonstop.kube.KubeLabels;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.Map;

/**
 * The repository token of one build, as a basic-auth Secret in the build namespace (never in the
 * tenant's), owned by its PipelineRun so that it goes when the run goes.
 */
public final class GitCredentials {

    private GitCredentials() {
    }

    public static Secret of(BuildRequest request, String buildNamespace, String token) {
        Map<String, String> labels = KubeLabels.standard(request.tenant().value(), BuildPipelineRun.COMPONENT,
                request.app());
        labels.put(BuildPipelineRun.BUILD_LABEL, String.valueOf(request.buildId()));
        return new SecretBuilder().withNewMetadata().withName(String.valueOf(request.gitSecret()))
                .withNamespace(buildNamespace).withLabels(labels).endMetadata()
                .withType("kubernetes.io/basic-auth")
                .withStringData(Map.of("username", "x-access-token", "password", token)).build();
    }

    public static Secret ownedBy(Secret secret, PipelineRun run) {
        secret.getMetadata().setOwnerReferences(java.util.List.of(new OwnerReferenceBuilder()
                .withApiVersion("tekton.dev/v1").withKind("PipelineRun").withName(run.getMetadata().getName())
                .withUid(run.getMetadata().getUid()).withController(true).build()));
        return secret;
    }
}

package dev.nonstop.build.manifest;

import dev.nonstop.build.BuildSettings;
import dev.nonstop.kube.KubeLabels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import java.util.List;
import java.util.Map;

/**
 * The platform build namespace: where every PipelineRun runs, under its own ResourceQuota, with no
 * ingress at all, and the builder service account (no API token mounted). Builds need the
 * {@code baseline} Pod Security profile (buildah adds SETUID/SETGID), never {@code privileged}.
 */
public final class BuildNamespace {

    public static final String QUOTA = "build-quota";

    private BuildNamespace() {
    }

    public static List<HasMetadata> of(BuildSettings settings) {
        String ns = settings.namespace();
        Map<String, String> labels = KubeLabels.standard("platform", "nonstop-build", ns);
        labels.remove(KubeLabels.TENANT);
        Map<String, String> nsLabels = new java.util.LinkedHashMap<>(labels);
        nsLabels.put("pod-security.kubernetes.io/enforce", "baseline");
        nsLabels.put("pod-security.kubernetes.io/warn", "restricted");
        return List.of(
                new NamespaceBuilder().withNewMetadata().withName(ns).withLabels(nsLabels).endMetadata().build(),
                new ResourceQuotaBuilder().withNewMetadata().withName(QUOTA).withNamespace(ns).withLabels(labels)
                        .endMetadata().withNewSpec().withHard(Map.of(
                                "requests.cpu", new Quantity(settings.quotaCpu()),
                                "requests.memory", new Quantity(settings.quotaMemory()),
                                "limits.cpu", new Quantity(settings.quotaCpu()),
                                "limits.memory", new Quantity(settings.quotaMemory()),
                                "pods", new Quantity(String.valueOf(settings.quotaPods()))))
                        .endSpec().build(),
                new ServiceAccountBuilder().withNewMetadata().withName(BuildPipelineRun.SERVICE_ACCOUNT)
                        .withNamespace(ns).withLabels(labels).endMetadata().withAutomountServiceAccountToken(false)
                        .build(),
                new NetworkPolicyBuilder().withNewMetadata().withName("no-ingress").withNamespace(ns)
                        .withLabels(labels).endMetadata().withNewSpec().withPodSelector(new LabelSelector())
                        .withPolicyTypes("Ingress").endSpec().build());
    }
}

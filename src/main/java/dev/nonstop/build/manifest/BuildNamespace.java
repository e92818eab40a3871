package dev.nonstop.build.manifest;

import dev.nonstop.build.BuildSettings;
import dev.nonstop.kube.KubeLabels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.LimitRangeItemBuilder;
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
 * {@code baseline} Pod Security profile (buildah adds SETUID/SETGID), never {@code privileged}. The
 * LimitRange gives Tekton's own init containers the requests and limits the quota insists on (the
 * steps set theirs in {@code tekton/tasks.yaml}).
 */
public final class BuildNamespace {

    public static final String QUOTA = "build-quota";
    public static final String LIMITS = "build-limits";

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
                new LimitRangeBuilder().withNewMetadata().withName(LIMITS).withNamespace(ns).withLabels(labels)
                        .endMetadata().withNewSpec().withLimits(new LimitRangeItemBuilder().withType("Container")
                                .withDefaultRequest(Map.of("cpu", new Quantity("100m"), "memory", new Quantity("128Mi")))
                                .withDefault(Map.of("cpu", new Quantity("500m"), "memory", new Quantity("256Mi")))
                                .build()).endSpec().build(),
                new ServiceAccountBuilder().withNewMetadata().withName(BuildPipelineRun.SERVICE_ACCOUNT)
                        .withNamespace(ns).withLabels(labels).endMetadata().withAutomountServiceAccountToken(false)
                        .build(),
                new NetworkPolicyBuilder().withNewMetadata().withName("no-ingress").withNamespace(ns)
                        .withLabels(labels).endMetadata().withNewSpec().withPodSelector(new LabelSelector())
                        .withPolicyTypes("Ingress").endSpec().build());
    }
}

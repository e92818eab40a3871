package dev.nonstop.tenant.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/** Counts what a namespace holds, by kind, so that a deletion can say what it removed. */
@Component
public class NamespaceInventory {

    private final KubernetesClient client;

    NamespaceInventory(KubernetesClient client) {
        this.client = client;
    }

    public Map<String, Integer> count(String namespace) {
        Map<String, Function<String, List<? extends HasMetadata>>> kinds = new LinkedHashMap<>();
        kinds.put("Deployment", ns -> client.apps().deployments().inNamespace(ns).list().getItems());
        kinds.put("Pod", ns -> client.pods().inNamespace(ns).list().getItems());
        kinds.put("Service", ns -> client.services().inNamespace(ns).list().getItems());
        kinds.put("Ingress", ns -> client.network().v1().ingresses().inNamespace(ns).list().getItems());
        kinds.put("Secret", ns -> client.secrets().inNamespace(ns).list().getItems());
        kinds.put("ConfigMap", ns -> client.configMaps().inNamespace(ns).list().getItems());
        kinds.put("PersistentVolumeClaim", ns -> client.persistentVolumeClaims().inNamespace(ns).list().getItems());
        kinds.put("HorizontalPodAutoscaler", ns -> client.autoscaling().v2().horizontalPodAutoscalers()
                .inNamespace(ns).list().getItems());
        kinds.put("PodDisruptionBudget", ns -> client.policy().v1().podDisruptionBudget().inNamespace(ns).list()
                .getItems());
        kinds.put("NetworkPolicy", ns -> client.network().v1().networkPolicies().inNamespace(ns).list().getItems());
        kinds.put("ResourceQuota", ns -> client.resourceQuotas().inNamespace(ns).list().getItems());
        kinds.put("LimitRange", ns -> client.limitRanges().inNamespace(ns).list().getItems());
        kinds.put("ServiceAccount", ns -> client.serviceAccounts().inNamespace(ns).list().getItems());
        Map<String, Integer> counts = new LinkedHashMap<>();
        kinds.forEach((kind, list) -> {
            try {
                int n = list.apply(namespace).size();
                if (n > 0) {
                    counts.put(kind, n);
                }
            } catch (KubernetesClientException unknown) {
                // a kind this cluster does not serve holds nothing
            }
        });
        return counts;
    }
}

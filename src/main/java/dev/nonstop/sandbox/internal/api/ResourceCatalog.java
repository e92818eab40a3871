package dev.nonstop.sandbox.internal.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The kinds the sandbox API serves, with what discovery says about them. Objects of other kinds are
 * still stored (the CRUD store takes anything) but are not listed in discovery.
 */
final class ResourceCatalog {

    /** One served resource. */
    record Resource(String group, String version, String kind, String plural, boolean namespaced,
                    boolean hasStatus, List<String> shortNames) {

        String groupVersion() {
            return group.isEmpty() ? version : group + "/" + version;
        }
    }

    static final List<Resource> RESOURCES = List.of(
            new Resource("", "v1", "Namespace", "namespaces", false, true, List.of("ns")),
            new Resource("", "v1", "Node", "nodes", false, true, List.of("no")),
            new Resource("", "v1", "Pod", "pods", true, true, List.of("po")),
            new Resource("", "v1", "Service", "services", true, true, List.of("svc")),
            new Resource("", "v1", "Endpoints", "endpoints", true, false, List.of("ep")),
            new Resource("", "v1", "Event", "events", true, false, List.of("ev")),
            new Resource("", "v1", "ResourceQuota", "resourcequotas", true, true, List.of("quota")),
            new Resource("", "v1", "LimitRange", "limitranges", true, false, List.of("limits")),
            new Resource("", "v1", "ServiceAccount", "serviceaccounts", true, false, List.of("sa")),
            new Resource("", "v1", "Secret", "secrets", true, false, List.of()),
            new Resource("", "v1", "ConfigMap", "configmaps", true, false, List.of("cm")),
            new Resource("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", true, true, List.of("pvc")),
            new Resource("apps", "v1", "Deployment", "deployments", true, true, List.of("deploy")),
            new Resource("apps", "v1", "ReplicaSet", "replicasets", true, true, List.of("rs")),
            new Resource("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", true, true, List.of("pdb")),
            new Resource("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true, true,
                    List.of("hpa")),
            new Resource("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", true, false,
                    List.of("netpol")),
            new Resource("networking.k8s.io", "v1", "Ingress", "ingresses", true, true, List.of("ing")),
            new Resource("coordination.k8s.io", "v1", "Lease", "leases", true, false, List.of()),
            new Resource("metrics.k8s.io", "v1beta1", "PodMetrics", "pods", true, false, List.of()),
            new Resource("tekton.dev", "v1", "Pipeline", "pipelines", true, false, List.of()),
            new Resource("tekton.dev", "v1", "Task", "tasks", true, false, List.of()),
            new Resource("tekton.dev", "v1", "PipelineRun", "pipelineruns", true, true, List.of("pr")),
            new Resource("tekton.dev", "v1", "TaskRun", "taskruns", true, true, List.of("tr")));

    private static final Map<String, Resource> BY_GROUP_AND_PLURAL = RESOURCES.stream()
            .collect(Collectors.toMap(r -> r.group() + "/" + r.plural(), r -> r, (a, b) -> a, LinkedHashMap::new));
    private static final Map<String, Resource> BY_API_VERSION_AND_KIND = RESOURCES.stream()
            .collect(Collectors.toMap(r -> r.groupVersion() + "/" + r.kind(), r -> r));

    private ResourceCatalog() {
    }

    static Optional<Resource> byPath(ResourcePath path) {
        return Optional.ofNullable(BY_GROUP_AND_PLURAL.get(path.group() + "/" + path.plural()));
    }

    static Optional<Resource> byKind(String apiVersion, String kind) {
        return Optional.ofNullable(BY_API_VERSION_AND_KIND.get(apiVersion + "/" + kind));
    }

    /** Served group versions, by group name ("" is the core group). */
    static Map<String, List<Resource>> byGroupVersion() {
        return RESOURCES.stream().collect(Collectors.groupingBy(Resource::groupVersion, TreeMap::new,
                Collectors.toList()));
    }

    /** The REST path of an object of a known kind. */
    static Optional<String> pathOf(String apiVersion, String kind, String namespace, String name) {
        return byKind(apiVersion, kind).map(r -> {
            String prefix = r.group().isEmpty() ? "/api/" + r.version() : "/apis/" + r.groupVersion();
            String ns = r.namespaced() && namespace != null && !namespace.isEmpty() ? "/namespaces/" + namespace : "";
            return prefix + ns + "/" + r.plural() + "/" + name;
        });
    }
}

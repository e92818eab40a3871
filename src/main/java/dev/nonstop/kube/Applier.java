package dev.nonstop.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Server-side apply with the one field manager {@value KubeLabels#FIELD_MANAGER}: the object as given
 * is what the portal wants; fields it stops sending are removed, fields others own are kept.
 * Conflicts are forced: the portal's desired state wins (see docs/decisions/0005-kube-layer.md).
 */
@Component
public class Applier {

    private final KubernetesClient client;

    Applier(KubernetesClient client) {
        this.client = client;
    }

    /**
     * Applies the object as the portal wants it. A workload whose pods would break the Pod Security
     * "restricted" profile is refused here, before it reaches the cluster.
     */
    public <T extends HasMetadata> T apply(T desired) {
        PodSecurity.podSpecOf(desired).map(PodSecurity::restrictedViolations).filter(v -> !v.isEmpty())
                .ifPresent(violations -> {
                    throw new PodSecurityViolation(desired.getKind() + " " + desired.getMetadata().getNamespace()
                            + "/" + desired.getMetadata().getName(), violations);
                });
        Map<String, String> labels = desired.getMetadata().getLabels() == null
                ? new HashMap<>() : new HashMap<>(desired.getMetadata().getLabels());
        labels.put(KubeLabels.MANAGED_BY, KubeLabels.MANAGER);
        desired.getMetadata().setLabels(labels);
        desired.getMetadata().setResourceVersion(null);
        desired.getMetadata().setManagedFields(null);
        return client.resource(desired).fieldManager(KubeLabels.FIELD_MANAGER).forceConflicts().serverSideApply();
    }

    /** Deletes the object if it exists; true when something was deleted. */
    public boolean delete(HasMetadata object) {
        return !client.resource(object).delete().isEmpty();
    }
}

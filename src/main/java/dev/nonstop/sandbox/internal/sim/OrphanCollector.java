package dev.nonstop.sandbox.internal.sim;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The garbage collector's background half: pods whose ReplicaSet, and ReplicaSets whose Deployment, no
 * longer exist are deleted, as the cluster's garbage collector deletes dependents of a vanished owner.
 * (The API layer removes dependents at once when an owner is deleted; this catches those a controller
 * created in the same instant.) An object is collected when it is seen orphaned on two ticks in a row,
 * so an owner the caches have not seen yet never looks gone.
 */
public final class OrphanCollector {

    private final SimContext sim;
    private Set<String> suspects = new HashSet<>();

    public OrphanCollector(SimContext sim) {
        this.sim = sim;
    }

    public void tick() {
        Set<String> replicaSets = sim.replicaSets().stream().map(rs -> rs.getMetadata().getUid())
                .collect(Collectors.toSet());
        Set<String> deployments = sim.deployments().stream().map(d -> d.getMetadata().getUid())
                .collect(Collectors.toSet());
        Set<String> now = new HashSet<>();
        for (Pod pod : sim.pods()) {
            check(pod, "ReplicaSet", replicaSets, now);
        }
        for (ReplicaSet rs : sim.replicaSets()) {
            check(rs, "Deployment", deployments, now);
        }
        suspects = now;
    }

    private void check(HasMetadata object, String ownerKind, Set<String> owners, Set<String> now) {
        List<OwnerReference> refs = object.getMetadata().getOwnerReferences();
        if (refs == null) {
            return;
        }
        boolean orphan = refs.stream().anyMatch(r -> ownerKind.equals(r.getKind()) && Boolean.TRUE.equals(
                r.getController()) && !owners.contains(r.getUid()));
        if (!orphan) {
            return;
        }
        String uid = object.getMetadata().getUid();
        now.add(uid);
        if (suspects.contains(uid)) {
            sim.write(() -> sim.client.resource(object).delete());
        }
    }
}

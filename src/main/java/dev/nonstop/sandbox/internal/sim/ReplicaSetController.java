package dev.nonstop.sandbox.internal.sim;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Keeps each ReplicaSet's pod count at its spec and reports replicas, ready and available (ready for
 * minReadySeconds) in status. Pods it created that the cache does not show yet are counted as existing
 * (the "expectations" of the real controller), so it never creates twice. A pod the API refuses (quota)
 * sets the ReplicaFailure condition and a FailedCreate event, as in a real cluster.
 */
public final class ReplicaSetController {

    private static final String CHARS = "bcdfghjklmnpqrstvwxz2456789";

    private final SimContext sim;
    private final Map<String, Set<String>> expectedCreates = new HashMap<>();
    private final Map<String, String> lastFailure = new java.util.concurrent.ConcurrentHashMap<>();
    private final Set<String> expectedDeletes = new HashSet<>();

    public ReplicaSetController(SimContext sim) {
        this.sim = sim;
    }

    public void tick() {
        Map<String, List<Pod>> podsByOwner = new HashMap<>();
        Set<String> podNames = new HashSet<>();
        for (Pod pod : sim.pods()) {
            podNames.add(pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName());
            if (!Pods.isActive(pod) || pod.getMetadata().getOwnerReferences() == null) {
                continue;
            }
            pod.getMetadata().getOwnerReferences().forEach(ref ->
                    podsByOwner.computeIfAbsent(ref.getUid(), k -> new ArrayList<>()).add(pod));
        }
        expectedDeletes.retainAll(podNames);
        Set<String> alive = new HashSet<>();
        for (ReplicaSet rs : sim.replicaSets()) {
            String uid = rs.getMetadata().getUid();
            alive.add(uid);
            Set<String> expected = expectedCreates.computeIfAbsent(uid,
                    k -> java.util.concurrent.ConcurrentHashMap.newKeySet());
            expected.removeIf(podNames::contains);
            List<Pod> pods = podsByOwner.getOrDefault(uid, List.<Pod>of()).stream()
                    .filter(p -> !expectedDeletes.contains(p.getMetadata().getNamespace() + "/"
                            + p.getMetadata().getName()))
                    .toList();
            int want = rs.getSpec().getReplicas() == null ? 1 : rs.getSpec().getReplicas();
            int have = pods.size() + expected.size();
            if (have < want) {
                for (int i = 0; i < want - have; i++) {
                    if (!create(rs, expected)) {
                        break;
                    }
                }
            } else if (pods.size() > want) {
                delete(rs, pods, pods.size() - want);
            }
            status(rs, pods);
        }
        expectedCreates.keySet().retainAll(alive);
        lastFailure.keySet().retainAll(alive);
    }

    private boolean create(ReplicaSet rs, Set<String> expected) {
        String name = rs.getMetadata().getName() + "-" + suffix();
        Pod pod = new PodBuilder().withNewMetadata().withName(name).withNamespace(rs.getMetadata().getNamespace())
                .withLabels(rs.getSpec().getTemplate().getMetadata().getLabels())
                .withAnnotations(rs.getSpec().getTemplate().getMetadata().getAnnotations())
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("ReplicaSet")
                        .withName(rs.getMetadata().getName()).withUid(rs.getMetadata().getUid()).withController(true)
                        .withBlockOwnerDeletion(true).build())
                .endMetadata()
                .withSpec(rs.getSpec().getTemplate().getSpec())
                .build();
        try {
            if (lastFailure.containsKey(rs.getMetadata().getUid())) {
                sim.client.resource(pod).create();
                lastFailure.remove(rs.getMetadata().getUid());
                sim.event(rs, "Normal", "SuccessfulCreate", "Created pod: " + name, "replicaset-controller");
            } else {
                // The usual case goes out in parallel; a refusal is caught on the next tick's create.
                sim.write(() -> {
                    try {
                        sim.client.resource(pod).create();
                        sim.event(rs, "Normal", "SuccessfulCreate", "Created pod: " + name, "replicaset-controller");
                    } catch (KubernetesClientException refused) {
                        expected.remove(rs.getMetadata().getNamespace() + "/" + name);
                        failed(rs, refused);
                    }
                });
            }
            expected.add(rs.getMetadata().getNamespace() + "/" + name);
            return true;
        } catch (KubernetesClientException refused) {
            String message = refused.getStatus() != null && refused.getStatus().getMessage() != null
                    ? refused.getStatus().getMessage() : refused.getMessage();
            if (!Objects.equals(lastFailure.put(rs.getMetadata().getUid(), message), message)) {
                sim.event(rs, "Warning", "FailedCreate", "Error creating: " + message, "replicaset-controller");
            }
            return false;
        }
    }

    /** A create refused in the background: remembered so the next tick reports it and retries one by one. */
    private void failed(ReplicaSet rs, KubernetesClientException refused) {
        String message = refused.getStatus() != null && refused.getStatus().getMessage() != null
                ? refused.getStatus().getMessage() : refused.getMessage();
        synchronized (lastFailure) {
            if (!Objects.equals(lastFailure.put(rs.getMetadata().getUid(), message), message)) {
                sim.event(rs, "Warning", "FailedCreate", "Error creating: " + message, "replicaset-controller");
            }
        }
    }

    private void delete(ReplicaSet rs, List<Pod> pods, int count) {
        List<Pod> victims = new ArrayList<>(pods);
        // Unscheduled first, then not ready, then the newest: what the real controller prefers to lose.
        victims.sort(Comparator.<Pod>comparingInt(p -> p.getSpec().getNodeName() == null ? 0 : 1)
                .thenComparingInt(p -> Pods.isReady(p) ? 1 : 0)
                .thenComparing(p -> p.getMetadata().getCreationTimestamp(), Comparator.reverseOrder()));
        for (Pod pod : victims.subList(0, count)) {
            try {
                sim.client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                        .delete();
                expectedDeletes.add(pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName());
                sim.event(rs, "Normal", "SuccessfulDelete", "Deleted pod: " + pod.getMetadata().getName(),
                        "replicaset-controller");
            } catch (KubernetesClientException gone) {
                // already gone
            }
        }
    }

    private void status(ReplicaSet rs, List<Pod> pods) {
        Instant now = sim.now();
        int minReady = rs.getSpec().getMinReadySeconds() == null ? 0 : rs.getSpec().getMinReadySeconds();
        List<ReplicaSetCondition> conditions = new ArrayList<>();
        String failure = lastFailure.get(rs.getMetadata().getUid());
        if (failure != null) {
            conditions.add(new ReplicaSetConditionBuilder().withType("ReplicaFailure").withStatus("True")
                    .withReason("FailedCreate").withMessage(failure).withLastTransitionTime(sim.timestamp()).build());
        }
        ReplicaSetStatus desired = new ReplicaSetStatusBuilder()
                .withReplicas(pods.size())
                .withFullyLabeledReplicas(pods.size())
                .withReadyReplicas((int) pods.stream().filter(Pods::isReady).count())
                .withAvailableReplicas((int) pods.stream().filter(p -> Pods.isAvailable(p, minReady, now)).count())
                .withObservedGeneration(rs.getMetadata().getGeneration())
                .withConditions(conditions)
                .build();
        ReplicaSetStatus current = rs.getStatus();
        if (current != null && Objects.equals(current.getReplicas(), desired.getReplicas())
                && Objects.equals(current.getReadyReplicas(), desired.getReadyReplicas())
                && Objects.equals(current.getAvailableReplicas(), desired.getAvailableReplicas())
                && Objects.equals(current.getObservedGeneration(), desired.getObservedGeneration())
                && (current.getConditions() == null ? 0 : current.getConditions().size()) == conditions.size()) {
            return;
        }
        ReplicaSet copy = new io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder(rs).build();
        copy.getMetadata().setResourceVersion(null);
        if (current != null && current.getConditions() != null && failure != null && !current.getConditions().isEmpty()) {
            desired.setConditions(current.getConditions());
        }
        copy.setStatus(desired);
        sim.write(() -> sim.client.resource(copy).updateStatus());
    }

    private static String suffix() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            s.append(CHARS.charAt(ThreadLocalRandom.current().nextInt(CHARS.length())));
        }
        return s.toString();
    }
}

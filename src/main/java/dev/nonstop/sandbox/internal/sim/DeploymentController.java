package dev.nonstop.sandbox.internal.sim;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Deployments as the real controller runs them: a ReplicaSet per pod template (named by the
 * template's hash), RollingUpdate within maxSurge and maxUnavailable, old ReplicaSets scaled down only
 * as new pods become available, revisionHistoryLimit, and status with the Available and Progressing
 * conditions — Progressing=False with reason ProgressDeadlineExceeded when a rollout makes no progress
 * for progressDeadlineSeconds. (Kubernetes does not roll back by itself; neither does this.)
 */
public final class DeploymentController {

    static final String HASH_LABEL = "pod-template-hash";
    static final String REVISION = "deployment.kubernetes.io/revision";

    private final SimContext sim;
    /** Per deployment uid: the last progress seen (updated/ready/available counts) and when. */
    private final Map<String, Progress> progress = new HashMap<>();
    private final Set<String> expectedReplicaSets = new HashSet<>();

    record Progress(String signature, Instant at) {
    }

    public DeploymentController(SimContext sim) {
        this.sim = sim;
    }

    public void tick() {
        Map<String, List<ReplicaSet>> byOwner = new HashMap<>();
        Set<String> rsNames = new HashSet<>();
        for (ReplicaSet rs : sim.replicaSets()) {
            rsNames.add(rs.getMetadata().getNamespace() + "/" + rs.getMetadata().getName());
            if (rs.getMetadata().getOwnerReferences() != null) {
                rs.getMetadata().getOwnerReferences().forEach(ref ->
                        byOwner.computeIfAbsent(ref.getUid(), k -> new ArrayList<>()).add(rs));
            }
        }
        expectedReplicaSets.retainAll(rsNames);
        Set<String> alive = new HashSet<>();
        for (Deployment deployment : sim.deployments()) {
            alive.add(deployment.getMetadata().getUid());
            try {
                reconcile(deployment, byOwner.getOrDefault(deployment.getMetadata().getUid(), List.of()));
            } catch (KubernetesClientException conflict) {
                // Another write won the race; the next tick sees it and carries on.
            }
        }
        progress.keySet().retainAll(alive);
    }

    private void reconcile(Deployment d, List<ReplicaSet> owned) {
        String namespace = d.getMetadata().getNamespace();
        String hash = templateHash(d.getSpec().getTemplate());
        String newName = d.getMetadata().getName() + "-" + hash;
        Optional<ReplicaSet> newRs = owned.stream()
                .filter(rs -> hash.equals(rs.getMetadata().getLabels().get(HASH_LABEL))).findFirst();
        List<ReplicaSet> old = owned.stream().filter(rs -> newRs.isEmpty() || rs != newRs.get())
                .sorted(Comparator.comparing(rs -> rs.getMetadata().getCreationTimestamp())).toList();
        int desired = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        if (newRs.isEmpty()) {
            if (expectedReplicaSets.contains(namespace + "/" + newName)) {
                return;
            }
            createReplicaSet(d, hash, newName, old, old.stream().allMatch(rs -> specReplicas(rs) == 0)
                    ? Math.min(desired, desired + maxSurge(d, desired) - total(old)) : 0);
            return;
        }
        ReplicaSet current = newRs.get();
        if (isRecreate(d)) {
            recreate(d, current, old, desired);
        } else {
            rollingUpdate(d, current, old, desired);
        }
        cleanUpHistory(d, old);
        status(d, current, owned, desired);
    }

    private void rollingUpdate(Deployment d, ReplicaSet newRs, List<ReplicaSet> old, int desired) {
        int maxSurge = maxSurge(d, desired);
        int maxUnavailable = maxUnavailable(d, desired);
        if (maxSurge == 0 && maxUnavailable == 0) {
            maxUnavailable = 1;
        }
        List<ReplicaSet> all = new ArrayList<>(old);
        all.add(newRs);
        int totalSpec = total(all);
        int newSpec = specReplicas(newRs);
        if (newSpec > desired) {
            scale(d, newRs, desired);
            return;
        }
        if (newSpec < desired) {
            int room = desired + maxSurge - totalSpec;
            int up = Math.min(room, desired - newSpec);
            if (up > 0) {
                scale(d, newRs, newSpec + up);
                return;
            }
        }
        // Scale old ReplicaSets down only as far as availability allows.
        int minAvailable = desired - maxUnavailable;
        int newUnavailable = Math.max(0, specReplicas(newRs) - available(newRs));
        int maxScaledDown = totalSpec - minAvailable - newUnavailable;
        if (maxScaledDown <= 0) {
            return;
        }
        // First the old replicas that are not available anyway.
        for (ReplicaSet rs : old) {
            int unhealthy = specReplicas(rs) - available(rs);
            int down = Math.min(Math.min(unhealthy, maxScaledDown), specReplicas(rs));
            if (down > 0) {
                scale(d, rs, specReplicas(rs) - down);
                maxScaledDown -= down;
            }
        }
        int availableAll = all.stream().mapToInt(DeploymentController::available).sum();
        int canRemove = Math.min(maxScaledDown, availableAll - minAvailable);
        for (ReplicaSet rs : old) {
            if (canRemove <= 0) {
                break;
            }
            int down = Math.min(specReplicas(rs), canRemove);
            if (down > 0) {
                scale(d, rs, specReplicas(rs) - down);
                canRemove -= down;
            }
        }
    }

    private void recreate(Deployment d, ReplicaSet newRs, List<ReplicaSet> old, int desired) {
        boolean oldGone = true;
        for (ReplicaSet rs : old) {
            if (specReplicas(rs) > 0) {
                scale(d, rs, 0);
            }
            oldGone &= rs.getStatus() == null || rs.getStatus().getReplicas() == null
                    || rs.getStatus().getReplicas() == 0;
        }
        if (oldGone && specReplicas(newRs) != desired) {
            scale(d, newRs, desired);
        }
    }

    private void createReplicaSet(Deployment d, String hash, String name, List<ReplicaSet> old, int replicas) {
        int revision = 1 + old.stream().mapToInt(DeploymentController::revision).max().orElse(0);
        PodTemplateSpec template = new PodTemplateSpecBuilder(d.getSpec().getTemplate()).editOrNewMetadata()
                .addToLabels(HASH_LABEL, hash).endMetadata().build();
        Map<String, String> labels = new HashMap<>(template.getMetadata().getLabels());
        ReplicaSet rs = new ReplicaSetBuilder().withNewMetadata().withName(name)
                .withNamespace(d.getMetadata().getNamespace()).withLabels(labels)
                .addToAnnotations(REVISION, String.valueOf(revision))
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("Deployment")
                        .withName(d.getMetadata().getName()).withUid(d.getMetadata().getUid()).withController(true)
                        .withBlockOwnerDeletion(true).build())
                .endMetadata()
                .withNewSpec().withReplicas(Math.max(0, replicas)).withMinReadySeconds(d.getSpec().getMinReadySeconds())
                .withNewSelector().withMatchLabels(selectorWithHash(d, hash)).endSelector()
                .withTemplate(template).endSpec()
                .build();
        sim.client.resource(rs).create();
        expectedReplicaSets.add(d.getMetadata().getNamespace() + "/" + name);
        sim.event(d, "Normal", "ScalingReplicaSet", "Scaled up replica set " + name + " from 0 to "
                + Math.max(0, replicas), "deployment-controller");
    }

    private static Map<String, String> selectorWithHash(Deployment d, String hash) {
        Map<String, String> selector = new HashMap<>(d.getSpec().getSelector().getMatchLabels() == null
                ? Map.of() : d.getSpec().getSelector().getMatchLabels());
        selector.put(HASH_LABEL, hash);
        return selector;
    }

    private void scale(Deployment d, ReplicaSet rs, int replicas) {
        int from = specReplicas(rs);
        sim.client.apps().replicaSets().inNamespace(rs.getMetadata().getNamespace())
                .withName(rs.getMetadata().getName())
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":" + replicas + "}}");
        rs.getSpec().setReplicas(replicas);
        sim.event(d, "Normal", "ScalingReplicaSet", "Scaled " + (replicas > from ? "up" : "down")
                + " replica set " + rs.getMetadata().getName() + " from " + from + " to " + replicas,
                "deployment-controller");
    }

    private void cleanUpHistory(Deployment d, List<ReplicaSet> old) {
        int limit = d.getSpec().getRevisionHistoryLimit() == null ? 10 : d.getSpec().getRevisionHistoryLimit();
        List<ReplicaSet> idle = old.stream().filter(rs -> specReplicas(rs) == 0 && (rs.getStatus() == null
                        || rs.getStatus().getReplicas() == null || rs.getStatus().getReplicas() == 0))
                .sorted(Comparator.comparingInt(DeploymentController::revision)).toList();
        for (int i = 0; i < idle.size() - limit; i++) {
            sim.client.resource(idle.get(i)).delete();
        }
    }

    private void status(Deployment d, ReplicaSet newRs, List<ReplicaSet> owned, int desired) {
        Instant now = sim.now();
        int replicas = owned.stream().mapToInt(rs -> statusReplicas(rs)).sum();
        int updated = statusReplicas(newRs);
        int ready = owned.stream().mapToInt(rs -> rs.getStatus() == null || rs.getStatus().getReadyReplicas() == null
                ? 0 : rs.getStatus().getReadyReplicas()).sum();
        int available = owned.stream().mapToInt(DeploymentController::available).sum();
        int maxUnavailable = maxUnavailable(d, desired);
        boolean complete = updated == desired && replicas == desired && available == desired
                && owned.stream().filter(rs -> rs != newRs).allMatch(rs -> statusReplicas(rs) == 0);

        String signature = updated + "/" + ready + "/" + available + "/" + replicas + "/" + newRs.getMetadata().getName();
        Progress last = progress.get(d.getMetadata().getUid());
        if (last == null || !last.signature().equals(signature)) {
            last = new Progress(signature, now);
            progress.put(d.getMetadata().getUid(), last);
        }
        DeploymentCondition previousProgressing = condition(d, "Progressing");
        DeploymentCondition progressing;
        Integer deadline = d.getSpec().getProgressDeadlineSeconds();
        if (complete) {
            progressing = cond("Progressing", "True", "NewReplicaSetAvailable",
                    "ReplicaSet \"" + newRs.getMetadata().getName() + "\" has successfully progressed.", previousProgressing,
                    now);
        } else if (previousProgressing != null && "ProgressDeadlineExceeded".equals(previousProgressing.getReason())
                && last.at().isBefore(Instant.parse(previousProgressing.getLastUpdateTime()))) {
            progressing = previousProgressing;
        } else if (deadline != null && !now.isBefore(last.at().plusSeconds(deadline))) {
            progressing = cond("Progressing", "False", "ProgressDeadlineExceeded",
                    "ReplicaSet \"" + newRs.getMetadata().getName() + "\" has timed out progressing.",
                    previousProgressing, now);
        } else {
            progressing = cond("Progressing", "True", "ReplicaSetUpdated",
                    "ReplicaSet \"" + newRs.getMetadata().getName() + "\" is progressing.", previousProgressing,
                    last.at());
        }
        DeploymentCondition availableCondition = available >= desired - maxUnavailable
                ? cond("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.",
                condition(d, "Available"), now)
                : cond("Available", "False", "MinimumReplicasUnavailable",
                "Deployment does not have minimum availability.", condition(d, "Available"), now);
        DeploymentStatus status = new DeploymentStatusBuilder().withObservedGeneration(d.getMetadata().getGeneration())
                .withReplicas(replicas).withUpdatedReplicas(updated).withReadyReplicas(ready)
                .withAvailableReplicas(available).withUnavailableReplicas(Math.max(0, replicas - available))
                .withConditions(availableCondition, progressing).build();
        if (sameStatus(d.getStatus(), status)) {
            return;
        }
        Deployment copy = new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder(d).build();
        copy.getMetadata().setResourceVersion(null);
        copy.setStatus(status);
        sim.write(() -> sim.client.resource(copy).updateStatus());
    }

    private static DeploymentCondition cond(String type, String status, String reason, String message,
                                            DeploymentCondition previous, Instant updated) {
        boolean same = previous != null && status.equals(previous.getStatus()) && reason.equals(previous.getReason());
        String transition = previous != null && status.equals(previous.getStatus())
                ? previous.getLastTransitionTime() : updated.toString();
        return new DeploymentConditionBuilder().withType(type).withStatus(status).withReason(reason)
                .withMessage(message).withLastTransitionTime(transition)
                .withLastUpdateTime(same ? previous.getLastUpdateTime() : updated.toString()).build();
    }

    private static boolean sameStatus(DeploymentStatus a, DeploymentStatus b) {
        if (a == null) {
            return false;
        }
        return Objects.equals(a.getObservedGeneration(), b.getObservedGeneration())
                && Objects.equals(a.getReplicas(), b.getReplicas())
                && Objects.equals(a.getUpdatedReplicas(), b.getUpdatedReplicas())
                && Objects.equals(a.getReadyReplicas(), b.getReadyReplicas())
                && Objects.equals(a.getAvailableReplicas(), b.getAvailableReplicas())
                && conditionsKey(a).equals(conditionsKey(b));
    }

    private static String conditionsKey(DeploymentStatus s) {
        return s.getConditions() == null ? "" : s.getConditions().stream()
                .map(c -> c.getType() + c.getStatus() + c.getReason()).sorted().toList().toString();
    }

    private static DeploymentCondition condition(Deployment d, String type) {
        if (d.getStatus() == null || d.getStatus().getConditions() == null) {
            return null;
        }
        return d.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }

    private static boolean isRecreate(Deployment d) {
        return d.getSpec().getStrategy() != null && "Recreate".equals(d.getSpec().getStrategy().getType());
    }

    static int maxSurge(Deployment d, int desired) {
        IntOrString value = d.getSpec().getStrategy() == null || d.getSpec().getStrategy().getRollingUpdate() == null
                ? null : d.getSpec().getStrategy().getRollingUpdate().getMaxSurge();
        return resolve(value, desired, true, 25);
    }

    static int maxUnavailable(Deployment d, int desired) {
        IntOrString value = d.getSpec().getStrategy() == null || d.getSpec().getStrategy().getRollingUpdate() == null
                ? null : d.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable();
        return resolve(value, desired, false, 25);
    }

    private static int resolve(IntOrString value, int desired, boolean roundUp, int defaultPercent) {
        if (value != null && value.getIntVal() != null) {
            return value.getIntVal();
        }
        int percent = value != null && value.getStrVal() != null
                ? Integer.parseInt(value.getStrVal().replace("%", "")) : defaultPercent;
        double exact = desired * percent / 100.0;
        return roundUp ? (int) Math.ceil(exact) : (int) Math.floor(exact);
    }

    private static int specReplicas(ReplicaSet rs) {
        return rs.getSpec().getReplicas() == null ? 1 : rs.getSpec().getReplicas();
    }

    private static int statusReplicas(ReplicaSet rs) {
        return rs.getStatus() == null || rs.getStatus().getReplicas() == null ? 0 : rs.getStatus().getReplicas();
    }

    private static int available(ReplicaSet rs) {
        return rs.getStatus() == null || rs.getStatus().getAvailableReplicas() == null ? 0
                : rs.getStatus().getAvailableReplicas();
    }

    private static int total(List<ReplicaSet> sets) {
        return sets.stream().mapToInt(DeploymentController::specReplicas).sum();
    }

    private static int revision(ReplicaSet rs) {
        String value = rs.getMetadata().getAnnotations() == null ? null
                : rs.getMetadata().getAnnotations().get(REVISION);
        return value == null ? 0 : Integer.parseInt(value);
    }

    static String templateHash(PodTemplateSpec template) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(Serialization.asJson(template).getBytes(StandardCharsets.UTF_8));
            String hex = HexFormat.of().formatHex(digest, 0, 5);
            StringBuilder safe = new StringBuilder();
            for (char c : hex.toCharArray()) {
                safe.append("bcdfghjklm".charAt(Character.digit(c, 16) % 10));
            }
            return safe.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

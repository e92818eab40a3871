package dev.nonstop.tier;

import dev.nonstop.common.ReplicaSize;
import java.util.ArrayList;
import java.util.List;

/**
 * What a tier allows. A value that exists may still be inconsistent (that is what the admin form
 * edits); {@link #problems()} lists every rule it breaks, and {@link TierService} refuses to save
 * limits that have any.
 */
public record TierLimits(
        int maxApps,
        int minReplicas,
        int maxReplicas,
        ReplicaSize largestSize,
        int quotaCpuRequestsMilli,
        int quotaCpuLimitsMilli,
        int quotaMemoryRequestsMib,
        int quotaMemoryLimitsMib,
        int quotaPods,
        int buildsPerDay,
        int concurrentBuilds,
        int assistantMessagesPerHour,
        boolean zonesPromised,
        int quotaServices,
        int quotaPersistentVolumeClaims,
        int quotaConfigObjects,
        int inspectionsPerHour) {

    /** Repository inspections (fetches) per hour when a tier does not say: enough to try several URLs. */
    public static final int DEFAULT_INSPECTIONS_PER_HOUR = 30;

    /** Limits with the default inspections per hour. */
    public TierLimits(int maxApps, int minReplicas, int maxReplicas, ReplicaSize largestSize, int quotaCpuRequestsMilli,
                      int quotaCpuLimitsMilli, int quotaMemoryRequestsMib, int quotaMemoryLimitsMib, int quotaPods,
                      int buildsPerDay, int concurrentBuilds, int assistantMessagesPerHour, boolean zonesPromised,
                      int quotaServices, int quotaPersistentVolumeClaims, int quotaConfigObjects) {
        this(maxApps, minReplicas, maxReplicas, largestSize, quotaCpuRequestsMilli, quotaCpuLimitsMilli,
                quotaMemoryRequestsMib, quotaMemoryLimitsMib, quotaPods, buildsPerDay, concurrentBuilds,
                assistantMessagesPerHour, zonesPromised, quotaServices, quotaPersistentVolumeClaims, quotaConfigObjects,
                DEFAULT_INSPECTIONS_PER_HOUR);
    }

    /**
     * Limits with default object counts: a Service per app (at least 4), no volumes, and ten ConfigMaps
     * and Secrets per app (at least 20).
     */
    public TierLimits(int maxApps, int minReplicas, int maxReplicas, ReplicaSize largestSize, int quotaCpuRequestsMilli,
                      int quotaCpuLimitsMilli, int quotaMemoryRequestsMib, int quotaMemoryLimitsMib, int quotaPods,
                      int buildsPerDay, int concurrentBuilds, int assistantMessagesPerHour, boolean zonesPromised) {
        this(maxApps, minReplicas, maxReplicas, largestSize, quotaCpuRequestsMilli, quotaCpuLimitsMilli,
                quotaMemoryRequestsMib, quotaMemoryLimitsMib, quotaPods, buildsPerDay, concurrentBuilds,
                assistantMessagesPerHour, zonesPromised, clamp(Math.max(4L, maxApps)), 0,
                clamp(Math.max(20L, maxApps * 10L)), DEFAULT_INSPECTIONS_PER_HOUR);
    }

    private static int clamp(long value) {
        return (int) Math.min(MAX_VALUE, value);
    }

    /** Replicas below two are not redundancy: the contract starts there. */
    public static final int REDUNDANT_MINIMUM = 2;
    /** Upper bound of every number, to keep sums far from overflow and typos from becoming quotas. */
    public static final int MAX_VALUE = 1_000_000;

    /** One broken rule: the field, a message key and its arguments. */
    public record Problem(String field, String key, List<Object> args) {
        public Problem(String field, String key, Object... args) {
            this(field, key, List.of(args));
        }
    }

    /**
     * What the tier guarantees, said the same way everywhere (the apps page, Settings, the new-app
     * page): replicas on different servers, and different zones only where zones are promised.
     */
    public dev.nonstop.common.Message promise() {
        return dev.nonstop.common.Message.of(zonesPromised ? "tier.promise.zones" : "tier.promise.servers",
                minReplicas);
    }

    /** Pods the tier must fit: every app at its most replicas, plus one surge pod each during a rollout. */
    public int podsNeeded() {
        return maxApps * (maxReplicas + 1);
    }

    public List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        positive(problems, "maxApps", maxApps);
        positive(problems, "minReplicas", minReplicas);
        positive(problems, "maxReplicas", maxReplicas);
        positive(problems, "quotaCpuRequestsMilli", quotaCpuRequestsMilli);
        positive(problems, "quotaCpuLimitsMilli", quotaCpuLimitsMilli);
        positive(problems, "quotaMemoryRequestsMib", quotaMemoryRequestsMib);
        positive(problems, "quotaMemoryLimitsMib", quotaMemoryLimitsMib);
        positive(problems, "quotaPods", quotaPods);
        positive(problems, "buildsPerDay", buildsPerDay);
        positive(problems, "concurrentBuilds", concurrentBuilds);
        positive(problems, "assistantMessagesPerHour", assistantMessagesPerHour);
        positive(problems, "inspectionsPerHour", inspectionsPerHour);
        positive(problems, "quotaServices", quotaServices);
        positive(problems, "quotaConfigObjects", quotaConfigObjects);
        if (quotaPersistentVolumeClaims < 0) {
            problems.add(new Problem("quotaPersistentVolumeClaims", "tier.problem.negative"));
        } else if (quotaPersistentVolumeClaims > MAX_VALUE) {
            problems.add(new Problem("quotaPersistentVolumeClaims", "tier.problem.too-large", MAX_VALUE));
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        if (minReplicas < REDUNDANT_MINIMUM) {
            problems.add(new Problem("minReplicas", "tier.problem.min-replicas", REDUNDANT_MINIMUM));
        }
        if (maxReplicas < minReplicas) {
            problems.add(new Problem("maxReplicas", "tier.problem.max-below-min", minReplicas));
        }
        if (concurrentBuilds > buildsPerDay) {
            problems.add(new Problem("concurrentBuilds", "tier.problem.concurrent-over-daily", buildsPerDay));
        }
        if (quotaServices < maxApps) {
            problems.add(new Problem("quotaServices", "tier.problem.one-per-app", maxApps));
        }
        if (quotaConfigObjects < maxApps) {
            problems.add(new Problem("quotaConfigObjects", "tier.problem.one-per-app", maxApps));
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        fits(problems, "quotaCpuRequestsMilli", quotaCpuRequestsMilli, largestSize.cpuRequestMilli());
        fits(problems, "quotaCpuLimitsMilli", quotaCpuLimitsMilli, largestSize.cpuLimitMilli());
        fits(problems, "quotaMemoryRequestsMib", quotaMemoryRequestsMib, largestSize.memoryRequestMib());
        fits(problems, "quotaMemoryLimitsMib", quotaMemoryLimitsMib, largestSize.memoryLimitMib());
        fits(problems, "quotaPods", quotaPods, 1);
        return problems;
    }

    private static void positive(List<Problem> problems, String field, int value) {
        if (value <= 0) {
            problems.add(new Problem(field, "tier.problem.not-positive"));
        } else if (value > MAX_VALUE) {
            problems.add(new Problem(field, "tier.problem.too-large", MAX_VALUE));
        }
    }

    private void fits(List<Problem> problems, String field, int quota, int perPod) {
        long needed = (long) podsNeeded() * perPod;
        if (quota < needed) {
            problems.add(new Problem(field, "tier.problem.quota-short",
                    needed, quota, needed - quota, maxApps, maxReplicas, perPod));
        }
    }
}

package dev.nonstop.app;

import dev.nonstop.common.ReplicaSize;
import dev.nonstop.tenant.QuotaUsage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a deploy, scale or size change fits the tenant's live quota, before anything is applied.
 * A change needs room for its replicas plus the one surge pod a rolling update adds, at the new size;
 * the app's own pods count as freed. A refusal names each resource that falls short, by how much, and
 * the ways out that would fit (a smaller size, fewer replicas, stopping another app, the paid tier).
 */
public final class QuotaCheck {

    /**
     * What the app takes now (zero for a new or stopped app), and what it would take; {@code newObjects}
     * are objects the change creates that the quota counts ("services", "secrets"), one each.
     */
    public record Change(int currentReplicas, ReplicaSize currentSize, int newReplicas, ReplicaSize newSize,
                         java.util.Set<String> newObjects) {

        public Change {
            newObjects = java.util.Set.copyOf(newObjects);
        }

        public Change(int currentReplicas, ReplicaSize currentSize, int newReplicas, ReplicaSize newSize) {
            this(currentReplicas, currentSize, newReplicas, newSize, java.util.Set.of());
        }
    }

    /** One resource that falls short: needed for the change, free for it (hard − used by others). */
    public record Shortfall(String resource, BigDecimal needed, BigDecimal free) {
        public BigDecimal missing() {
            return needed.subtract(free);
        }

        /** An amount as people read it for this resource: "750m" CPU, "512Mi" memory, "4" pods. */
        public String format(BigDecimal amount) {
            if (resource.endsWith("cpu")) {
                return amount.movePointRight(3).stripTrailingZeros().toPlainString() + "m";
            }
            if (resource.endsWith("memory")) {
                return amount.divide(BigDecimal.valueOf(1024L * 1024), 0, java.math.RoundingMode.CEILING)
                        + "Mi";
            }
            return amount.stripTrailingZeros().toPlainString();
        }
    }

    /** The outcome: empty shortfalls means it fits; otherwise the ways out that would. */
    public record Result(List<Shortfall> shortfalls, Optional<ReplicaSize> smallerSizeFits,
                         Optional<Integer> fewerReplicasFit) {
        public boolean fits() {
            return shortfalls.isEmpty();
        }
    }

    private QuotaCheck() {
    }

    public static Result check(List<QuotaUsage> quota, Change change) {
        List<Shortfall> shortfalls = new ArrayList<>(shortfalls(quota, change.currentReplicas(), change.currentSize(),
                change.newReplicas(), change.newSize()));
        for (QuotaUsage usage : quota) {
            if (change.newObjects().contains(usage.resource())
                    && usage.hardAmount().subtract(usage.usedAmount()).compareTo(BigDecimal.ONE) < 0) {
                shortfalls.add(new Shortfall(usage.resource(), BigDecimal.ONE,
                        usage.hardAmount().subtract(usage.usedAmount()).max(BigDecimal.ZERO)));
            }
        }
        if (shortfalls.isEmpty()) {
            return new Result(List.of(), Optional.empty(), Optional.empty());
        }
        Optional<ReplicaSize> smaller = Optional.empty();
        for (int i = change.newSize().ordinal() - 1; i >= 0 && smaller.isEmpty(); i--) {
            ReplicaSize size = ReplicaSize.values()[i];
            if (shortfalls(quota, change.currentReplicas(), change.currentSize(), change.newReplicas(), size).isEmpty()) {
                smaller = Optional.of(size);
            }
        }
        Optional<Integer> fewer = Optional.empty();
        for (int r = change.newReplicas() - 1; r >= 2 && fewer.isEmpty(); r--) {
            if (shortfalls(quota, change.currentReplicas(), change.currentSize(), r, change.newSize()).isEmpty()) {
                fewer = Optional.of(r);
            }
        }
        return new Result(List.copyOf(shortfalls), smaller, fewer);
    }

    private static List<Shortfall> shortfalls(List<QuotaUsage> quota, int currentReplicas, ReplicaSize currentSize,
                                              int newReplicas, ReplicaSize newSize) {
        Map<String, BigDecimal> current = take(currentReplicas, currentSize);
        Map<String, BigDecimal> needed = take(newReplicas + 1, newSize);
        List<Shortfall> shortfalls = new ArrayList<>();
        for (QuotaUsage usage : quota) {
            BigDecimal need = needed.get(usage.resource());
            if (need == null) {
                continue;
            }
            BigDecimal free = usage.hardAmount().subtract(usage.usedAmount()
                    .subtract(current.getOrDefault(usage.resource(), BigDecimal.ZERO)).max(BigDecimal.ZERO));
            if (need.compareTo(free) > 0) {
                shortfalls.add(new Shortfall(usage.resource(), need, free.max(BigDecimal.ZERO)));
            }
        }
        return shortfalls;
    }

    /** What {@code pods} pods of a size take, in the quota's units (CPU cores, memory bytes, pods). */
    static Map<String, BigDecimal> take(int pods, ReplicaSize size) {
        BigDecimal n = BigDecimal.valueOf(pods);
        BigDecimal mib = BigDecimal.valueOf(1024L * 1024);
        return Map.of(
                "requests.cpu", n.multiply(BigDecimal.valueOf(size.cpuRequestMilli())).movePointLeft(3),
                "limits.cpu", n.multiply(BigDecimal.valueOf(size.cpuLimitMilli())).movePointLeft(3),
                "requests.memory", n.multiply(BigDecimal.valueOf(size.memoryRequestMib())).multiply(mib),
                "limits.memory", n.multiply(BigDecimal.valueOf(size.memoryLimitMib())).multiply(mib),
                "pods", n);
    }
}

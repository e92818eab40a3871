package dev.nonstop.sandbox.internal.api;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * ResourceQuota accounting as the API server's quota admission and the quota controller do it:
 * compute resources of non-terminated pods (requests.*, limits.*, and bare cpu/memory as requests),
 * object counts ({@code pods}, {@code services}, {@code persistentvolumeclaims}, {@code count/<plural>.<group>}).
 */
public final class Quotas {

    private static final Set<String> TERMINATED = Set.of("Succeeded", "Failed");

    private Quotas() {
    }

    /** What one object adds to each quota resource. */
    public static Map<String, BigDecimal> usageOf(JsonNode object, String plural, String group) {
        Map<String, BigDecimal> usage = new LinkedHashMap<>();
        String countKey = "count/" + plural + (group.isEmpty() ? "" : "." + group);
        usage.put(countKey, BigDecimal.ONE);
        if (group.isEmpty() && Set.of("pods", "services", "persistentvolumeclaims", "secrets", "configmaps")
                .contains(plural)) {
            usage.put(plural, BigDecimal.ONE);
        }
        if ("pods".equals(plural) && group.isEmpty()) {
            if (TERMINATED.contains(object.path("status").path("phase").asString(""))) {
                return Map.of();
            }
            for (JsonNode container : object.path("spec").path("containers")) {
                JsonNode resources = container.path("resources");
                add(usage, "requests.cpu", resources.path("requests").path("cpu"));
                add(usage, "requests.memory", resources.path("requests").path("memory"));
                add(usage, "limits.cpu", resources.path("limits").path("cpu"));
                add(usage, "limits.memory", resources.path("limits").path("memory"));
            }
            usage.put("cpu", usage.getOrDefault("requests.cpu", BigDecimal.ZERO));
            usage.put("memory", usage.getOrDefault("requests.memory", BigDecimal.ZERO));
        }
        return usage;
    }

    private static void add(Map<String, BigDecimal> usage, String key, JsonNode quantity) {
        if (quantity.isMissingNode() || quantity.isNull()) {
            return;
        }
        usage.merge(key, new Quantity(quantity.asString()).getNumericalAmount(), BigDecimal::add);
    }

    /** Usage summed over objects, for the resources a quota limits. */
    public static Map<String, BigDecimal> used(Set<String> limited, List<Map<String, BigDecimal>> objects) {
        Map<String, BigDecimal> used = new LinkedHashMap<>();
        limited.forEach(r -> used.put(r, BigDecimal.ZERO));
        for (Map<String, BigDecimal> object : objects) {
            object.forEach((r, v) -> used.computeIfPresent(r, (k, sum) -> sum.add(v)));
        }
        return used;
    }

    /** Formats an amount as Kubernetes prints quantities for a resource ("900m", "1Gi", "7"). */
    public static String format(String resource, BigDecimal amount) {
        boolean cpu = resource.endsWith("cpu");
        boolean memory = resource.endsWith("memory");
        if (cpu) {
            BigDecimal milli = amount.multiply(BigDecimal.valueOf(1000));
            return milli.remainder(BigDecimal.valueOf(1000)).signum() == 0
                    ? amount.stripTrailingZeros().toPlainString() : milli.stripTrailingZeros().toPlainString() + "m";
        }
        if (memory) {
            BigDecimal mib = amount.divide(BigDecimal.valueOf(1024L * 1024));
            if (mib.remainder(BigDecimal.valueOf(1024)).signum() == 0 && mib.signum() != 0) {
                return mib.divide(BigDecimal.valueOf(1024)).stripTrailingZeros().toPlainString() + "Gi";
            }
            return mib.stripTrailingZeros().toPlainString() + "Mi";
        }
        return amount.stripTrailingZeros().toPlainString();
    }

    /** The quota's hard limits as amounts. */
    public static Map<String, BigDecimal> hard(JsonNode quota) {
        Map<String, BigDecimal> hard = new LinkedHashMap<>();
        quota.path("spec").path("hard").properties()
                .forEach(e -> hard.put(e.getKey(), new Quantity(e.getValue().asString()).getNumericalAmount()));
        return hard;
    }

    /** Maps an amount map to printed quantities. */
    public static Map<String, String> printed(Map<String, BigDecimal> amounts) {
        Map<String, String> printed = new LinkedHashMap<>();
        amounts.forEach((r, v) -> printed.put(r, format(r, v)));
        return printed;
    }
}

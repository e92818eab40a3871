package dev.nonstop.tier;

import java.util.List;

/**
 * One tenant using more of one quota resource than new limits would allow: how much it uses, the new
 * hard limit, and which apps use it.
 */
public record QuotaOverage(String tenant, String resource, String used, String newHard, List<AppUsage> apps) {

    /** What one app's running pods take: pods, CPU requests (millicores), memory requests (MiB). */
    public record AppUsage(String app, int pods, long cpuMilli, long memoryMib) {
        @Override
        public String toString() {
            return app + ": " + pods + " pods, " + cpuMilli + "m CPU, " + memoryMib + " MiB";
        }
    }

    @Override
    public String toString() {
        return tenant + " uses " + used + " of " + resource + ", new limit " + newHard + " (" + apps.stream()
                .map(AppUsage::toString).collect(java.util.stream.Collectors.joining("; ")) + ")";
    }
}

package dev.nonstop.metrics;

/**
 * What a chart can show about an app, in the unit it is drawn in. Per-pod metrics have a series per
 * replica; the others one series per app (ready and desired replicas: two).
 */
public enum Metric {
    /** CPU used, millicores, per pod. */
    CPU("m", true, true),
    /** Memory in use (working set), MiB, per pod. */
    MEMORY("MiB", true, true),
    /** Ready and desired replicas. */
    REPLICAS("", false, true),
    /** Requests answered per second. */
    REQUESTS("req/s", false, false),
    /** Share of requests answered with a 5xx status, percent. */
    ERRORS("%", false, false),
    /** 95th percentile of the time to answer, milliseconds. */
    LATENCY_P95("ms", false, false),
    /** Container restarts in the step, per pod. */
    RESTARTS("", true, false),
    /** The tenant's quota in use, percent of the plan's limit, one series per limited resource (not per app). */
    QUOTA("%", false, true);

    /** The name a tenant-wide metric ({@link #QUOTA}) is answered under, in place of an app's. */
    public static final String TENANT = "tenant";

    private final String unit;
    private final boolean perPod;
    private final boolean builtIn;

    Metric(String unit, boolean perPod, boolean builtIn) {
        this.unit = unit;
        this.perPod = perPod;
        this.builtIn = builtIn;
    }

    public String unit() {
        return unit;
    }

    public boolean perPod() {
        return perPod;
    }

    /** Whether the portal can show it without Prometheus (from metrics.k8s.io and its own caches). */
    public boolean builtIn() {
        return builtIn;
    }
}

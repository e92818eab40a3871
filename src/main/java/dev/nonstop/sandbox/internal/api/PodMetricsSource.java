package dev.nonstop.sandbox.internal.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * metrics.k8s.io PodMetrics computed when asked, as metrics-server serves them (an aggregated API, not
 * stored objects): for each running pod, CPU use is its request times its app's load knob (with a little
 * noise that changes every 15 s window), memory grows with load up to the limit.
 */
public final class PodMetricsSource {

    public static final double DEFAULT_LOAD = 0.3;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final long WINDOW_SECONDS = 15;

    /** Load per app, "namespace/deployment": 1.0 is CPU use equal to the request. */
    private final Map<String, Double> loads = new ConcurrentHashMap<>();

    /** Share of requests answered with a 500, per app (0 unless set). */
    private final Map<String, Double> errorShares = new ConcurrentHashMap<>();
    /** Mean time to answer a request, milliseconds, per app. */
    private final Map<String, Double> latencies = new ConcurrentHashMap<>();

    public static final double DEFAULT_LATENCY_MS = 40;
    /** Requests per second a replica answers at load 1.0. */
    public static final double REQUESTS_PER_LOAD = 20;

    public void setLoad(String namespace, String deployment, double load) {
        loads.put(namespace + "/" + deployment, load);
    }

    public double load(String namespace, String deployment) {
        return loads.getOrDefault(namespace + "/" + deployment, DEFAULT_LOAD);
    }

    public void setErrorShare(String namespace, String deployment, double share) {
        errorShares.put(namespace + "/" + deployment, Math.max(0, Math.min(1, share)));
    }

    public double errorShare(String namespace, String deployment) {
        return errorShares.getOrDefault(namespace + "/" + deployment, 0.0);
    }

    public void setLatencyMillis(String namespace, String deployment, double millis) {
        latencies.put(namespace + "/" + deployment, Math.max(1, millis));
    }

    public double latencyMillis(String namespace, String deployment) {
        return latencies.getOrDefault(namespace + "/" + deployment, DEFAULT_LATENCY_MS);
    }

    /** The PodMetrics of a running pod, or null when the pod is not running. */
    ObjectNode of(JsonNode pod, Instant now) {
        if (!"Running".equals(pod.path("status").path("phase").asString(""))) {
            return null;
        }
        JsonNode metadata = pod.path("metadata");
        String namespace = metadata.path("namespace").asString("");
        String deployment = "";
        for (JsonNode owner : metadata.path("ownerReferences")) {
            if ("ReplicaSet".equals(owner.path("kind").asString(""))) {
                deployment = owner.path("name").asString("").replaceAll("-[^-]+$", "");
            }
        }
        double load = load(namespace, deployment);
        long window = now.getEpochSecond() / WINDOW_SECONDS;
        ObjectNode metrics = JSON.objectNode();
        metrics.put("kind", "PodMetrics");
        metrics.put("apiVersion", "metrics.k8s.io/v1beta1");
        ObjectNode meta = metrics.putObject("metadata");
        meta.put("name", metadata.path("name").asString(""));
        meta.put("namespace", namespace);
        meta.put("creationTimestamp", now.toString());
        if (metadata.has("labels")) {
            meta.set("labels", metadata.get("labels").deepCopy());
        }
        metrics.put("timestamp", Instant.ofEpochSecond(window * WINDOW_SECONDS).toString());
        metrics.put("window", WINDOW_SECONDS + "s");
        ArrayNode containers = metrics.putArray("containers");
        for (JsonNode container : pod.path("spec").path("containers")) {
            JsonNode requests = container.path("resources").path("requests");
            long cpuRequest = requests.has("cpu") ? milli(requests.get("cpu").asString()) : 50;
            long memRequest = requests.has("memory") ? mib(requests.get("memory").asString()) : 64;
            JsonNode limits = container.path("resources").path("limits");
            long memLimit = limits.has("memory") ? mib(limits.get("memory").asString()) : memRequest * 2;
            double noise = 0.9 + 0.2 * Math.floorMod((metadata.path("uid").asString("") + window).hashCode(), 1000)
                    / 1000.0;
            long cpu = Math.max(1, Math.round(cpuRequest * load * noise));
            long memory = Math.min(memLimit, Math.round(memRequest * (0.5 + 0.3 * Math.min(load, 2))));
            ObjectNode c = containers.addObject();
            c.put("name", container.path("name").asString(""));
            ObjectNode usage = c.putObject("usage");
            usage.put("cpu", cpu + "m");
            usage.put("memory", memory + "Mi");
        }
        return metrics;
    }

    private static long milli(String quantity) {
        return new io.fabric8.kubernetes.api.model.Quantity(quantity).getNumericalAmount()
                .multiply(BigDecimal.valueOf(1000)).longValue();
    }

    private static long mib(String quantity) {
        return new io.fabric8.kubernetes.api.model.Quantity(quantity).getNumericalAmount()
                .divide(BigDecimal.valueOf(1024 * 1024)).longValue();
    }
}

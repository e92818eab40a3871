package dev.nonstop.sandbox.internal.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * metrics.k8s.io PodMetrics computed when asked, as metrics-server serves them (an aggregated API, not
 * stored objects), and the knobs (load, error share, latency per app) the simulated traffic follows.
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

    /** What a pod's metrics are computed from, read once per stored version of the pod. */
    private record Inputs(boolean running, String name, String namespace, String deployment, String uid,
                          @Nullable JsonNode labels, List<ContainerInputs> containers) {
    }

    private record ContainerInputs(String name, long cpuRequest, long memRequest, long memLimit) {
    }

    /**
     * Inputs per stored pod JSON. The store keeps one String per version of a pod, so a list of 20,000
     * unchanged pods costs no parsing (the key's hash is cached by the String and equality is identity);
     * each list replaces the map, so pods gone or changed are forgotten.
     */
    private volatile Map<String, Inputs> parsed = Map.of();

    /** The PodMetrics of a running pod, or null when the pod is not running. */
    @Nullable
    ObjectNode of(JsonNode pod, Instant now) {
        Inputs in = inputs(pod);
        return in.running() ? (ObjectNode) ApiBodies.parse(write(new StringBuilder(), in, now).toString()) : null;
    }

    /**
     * The PodMetricsList of the running pods among {@code pods} (stored JSON), written straight to text:
     * metrics-server answers such lists from memory, and the sandbox answers them on its API's event loop,
     * so a list of every pod of 10,000 apps must not parse or build 20,000 JSON trees each time.
     */
    String list(List<String> pods, Instant now) {
        Map<String, Inputs> before = parsed;
        Map<String, Inputs> after = new HashMap<>(pods.size() * 2);
        StringBuilder out = new StringBuilder(64 + pods.size() * 400)
                .append("{\"kind\":\"PodMetricsList\",\"apiVersion\":\"metrics.k8s.io/v1beta1\",\"metadata\":{},\"items\":[");
        boolean first = true;
        for (String json : pods) {
            Inputs in = before.get(json);
            if (in == null) {
                in = inputs(ApiBodies.parse(json));
            }
            after.put(json, in);
            if (in.running()) {
                if (!first) {
                    out.append(',');
                }
                write(out, in, now);
                first = false;
            }
        }
        parsed = after;
        return out.append("]}").toString();
    }

    private static Inputs inputs(JsonNode pod) {
        JsonNode metadata = pod.path("metadata");
        String deployment = "";
        for (JsonNode owner : metadata.path("ownerReferences")) {
            if ("ReplicaSet".equals(owner.path("kind").asString(""))) {
                deployment = owner.path("name").asString("").replaceAll("-[^-]+$", "");
            }
        }
        List<ContainerInputs> containers = new ArrayList<>();
        for (JsonNode container : pod.path("spec").path("containers")) {
            JsonNode requests = container.path("resources").path("requests");
            long cpuRequest = requests.has("cpu") ? milli(requests.get("cpu").asString()) : 50;
            long memRequest = requests.has("memory") ? mib(requests.get("memory").asString()) : 64;
            JsonNode limits = container.path("resources").path("limits");
            long memLimit = limits.has("memory") ? mib(limits.get("memory").asString()) : memRequest * 2;
            containers.add(new ContainerInputs(container.path("name").asString(""), cpuRequest, memRequest, memLimit));
        }
        return new Inputs("Running".equals(pod.path("status").path("phase").asString("")),
                metadata.path("name").asString(""), metadata.path("namespace").asString(""), deployment,
                metadata.path("uid").asString(""), metadata.has("labels") ? metadata.get("labels") : null,
                List.copyOf(containers));
    }

    /**
     * One PodMetrics: CPU use is the request times the app's load with a little noise that changes every
     * 15 s window, memory grows with load up to the limit.
     */
    private StringBuilder write(StringBuilder out, Inputs in, Instant now) {
        double load = load(in.namespace(), in.deployment());
        long window = now.getEpochSecond() / WINDOW_SECONDS;
        out.append("{\"kind\":\"PodMetrics\",\"apiVersion\":\"metrics.k8s.io/v1beta1\",\"metadata\":{\"name\":")
                .append(quoted(in.name())).append(",\"namespace\":").append(quoted(in.namespace()))
                .append(",\"creationTimestamp\":\"").append(now).append('"');
        if (in.labels() != null) {
            out.append(",\"labels\":").append(in.labels());
        }
        out.append("},\"timestamp\":\"").append(Instant.ofEpochSecond(window * WINDOW_SECONDS))
                .append("\",\"window\":\"").append(WINDOW_SECONDS).append("s\",\"containers\":[");
        double noise = 0.9 + 0.2 * Math.floorMod((in.uid() + window).hashCode(), 1000) / 1000.0;
        for (int i = 0; i < in.containers().size(); i++) {
            ContainerInputs c = in.containers().get(i);
            long cpu = Math.max(1, Math.round(c.cpuRequest() * load * noise));
            long memory = Math.min(c.memLimit(), Math.round(c.memRequest() * (0.5 + 0.3 * Math.min(load, 2))));
            out.append(i == 0 ? "" : ",").append("{\"name\":").append(quoted(c.name()))
                    .append(",\"usage\":{\"cpu\":\"").append(cpu).append("m\",\"memory\":\"").append(memory)
                    .append("Mi\"}}");
        }
        return out.append("]}");
    }

    private static String quoted(String text) {
        return JSON.textNode(text).toString();
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

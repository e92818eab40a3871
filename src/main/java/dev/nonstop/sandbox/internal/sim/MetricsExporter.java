package dev.nonstop.sandbox.internal.sim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.nonstop.sandbox.internal.api.PodMetricsSource;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * The sandbox's pods seen as Prometheus sees a cluster's: each running app pod answers on
 * {@code /pods/<namespace>/<pod>/metrics} with an {@code http_server_requests_seconds} histogram
 * (requests follow the app's load knob, 500s its error knob, times its latency knob); {@code /cadvisor}
 * has CPU and memory per container with cAdvisor's names, consistent with PodMetrics; and
 * {@code /kube-state-metrics} has deployments' replicas, restarts, waiting reasons and quota use with
 * kube-state-metrics' names. {@code /sd} lists all of them for Prometheus's {@code http_sd_configs}.
 * Loopback only; every request must carry the sandbox's bearer token. Counters grow with real time
 * (Prometheus rates them against its own clock), whatever the speed of simulated time.
 */
public final class MetricsExporter implements AutoCloseable {

    /** Histogram bucket bounds, seconds (Spring Boot's defaults are similar). */
    static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    /** What one pod has counted so far, advanced at each read by the time since the last. */
    static final class Counters {
        private long lastNanos;
        double cpuSeconds;
        final double[] ok = new double[BUCKETS.length + 1];
        final double[] failed = new double[BUCKETS.length + 1];
        double okSum;
        double failedSum;

        Counters(long now) {
            lastNanos = now;
        }

        synchronized void advance(long now, double cores, double perSecond, double errorShare, double meanMillis) {
            double seconds = (now - lastNanos) / 1e9;
            if (seconds <= 0) {
                return;
            }
            lastNanos = now;
            cpuSeconds += cores * seconds;
            double requests = perSecond * seconds;
            double bad = requests * errorShare;
            double good = requests - bad;
            // exponentially distributed times with the knob's mean: the share at or under each bound
            for (int i = 0; i < BUCKETS.length; i++) {
                double under = 1 - Math.exp(-BUCKETS[i] * 1000 / meanMillis);
                ok[i] += good * under;
                failed[i] += bad * under;
            }
            ok[BUCKETS.length] += good;
            failed[BUCKETS.length] += bad;
            okSum += good * meanMillis / 1000;
            failedSum += bad * meanMillis / 1000;
        }
    }

    private final SimContext sim;
    private final PodMetricsSource knobs;
    private final byte[] expected;
    private final HttpServer server;
    private final Map<String, Counters> counters = new ConcurrentHashMap<>();

    private MetricsExporter(SimContext sim, PodMetricsSource knobs, String token, int port) throws IOException {
        this.sim = sim;
        this.knobs = knobs;
        this.expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread thread = new Thread(r, "sandbox-metrics");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    public static MetricsExporter start(SandboxRuntime runtime, PodMetricsSource knobs, String token, int port) {
        try {
            return new MetricsExporter(runtime.context(), knobs, token, port);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Where Prometheus finds the targets ({@code http_sd_configs} url). */
    public String serviceDiscoveryUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/sd";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String given = exchange.getRequestHeaders().getFirst("Authorization");
            if (given == null || !MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
                reply(exchange, 401, "text/plain", "a bearer token is required\n");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/sd")) {
                reply(exchange, 200, "application/json", targets());
            } else if (path.equals("/cadvisor")) {
                reply(exchange, 200, TEXT, cadvisor());
            } else if (path.equals("/kube-state-metrics")) {
                reply(exchange, 200, TEXT, kubeState());
            } else if (path.startsWith("/pods/") && path.endsWith("/metrics")) {
                String[] parts = path.split("/");
                String body = parts.length == 5 ? podMetrics(parts[2], parts[3]) : null;
                if (body == null) {
                    reply(exchange, 404, "text/plain", "no such running pod\n");
                } else {
                    reply(exchange, 200, TEXT, body);
                }
            } else {
                reply(exchange, 404, "text/plain", "not found\n");
            }
        }
    }

    private static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The running pods of apps (not build pods). */
    private List<Pod> appPods() {
        return sim.pods().stream().filter(p -> Pods.isActive(p) && !Pods.isSimulated(p)
                && p.getStatus() != null && "Running".equals(p.getStatus().getPhase())
                && p.getMetadata().getLabels() != null
                && p.getMetadata().getLabels().containsKey("app.kubernetes.io/instance")).toList();
    }

    private String targets() {
        String address = "127.0.0.1:" + server.getAddress().getPort();
        StringBuilder json = new StringBuilder("[");
        json.append(target(address, "/kube-state-metrics", "kube-state-metrics", null, null)).append(',');
        json.append(target(address, "/cadvisor", "kubelet", null, null));
        for (Pod pod : appPods()) {
            String ns = pod.getMetadata().getNamespace();
            String name = pod.getMetadata().getName();
            json.append(',').append(target(address, "/pods/" + ns + "/" + name + "/metrics", "apps", ns, name));
        }
        return json.append(']').toString();
    }

    private static String target(String address, String path, String job, String namespace, String pod) {
        StringBuilder labels = new StringBuilder("\"__metrics_path__\":\"" + path + "\",\"job\":\"" + job + "\"");
        if (namespace != null) {
            labels.append(",\"namespace\":\"").append(namespace).append("\",\"pod\":\"").append(pod).append('"');
        }
        return "{\"targets\":[\"" + address + "\"],\"labels\":{" + labels + "}}";
    }

    private Counters advanced(Pod pod) {
        String ns = pod.getMetadata().getNamespace();
        String app = SimContext.deploymentOf(pod);
        double load = knobs.load(ns, app);
        long now = System.nanoTime();
        Counters c = counters.computeIfAbsent(pod.getMetadata().getUid(), k -> new Counters(now));
        c.advance(now, Pods.cpuRequestMilli(pod) * load / 1000.0, load * PodMetricsSource.REQUESTS_PER_LOAD,
                knobs.errorShare(ns, app), knobs.latencyMillis(ns, app));
        return c;
    }

    private String podMetrics(String namespace, String name) {
        Pod pod = appPods().stream().filter(p -> p.getMetadata().getNamespace().equals(namespace)
                && p.getMetadata().getName().equals(name)).findFirst().orElse(null);
        if (pod == null) {
            return null;
        }
        Counters c = advanced(pod);
        StringBuilder out = new StringBuilder();
        out.append("# HELP http_server_requests_seconds Duration of HTTP server request handling (simulated)\n");
        out.append("# TYPE http_server_requests_seconds histogram\n");
        synchronized (c) {
            histogram(out, "200", "SUCCESS", c.ok, c.okSum);
            histogram(out, "500", "SERVER_ERROR", c.failed, c.failedSum);
        }
        return out.toString();
    }

    private static void histogram(StringBuilder out, String status, String outcome, double[] counts, double sum) {
        String labels = "method=\"GET\",uri=\"/\",status=\"" + status + "\",outcome=\"" + outcome + "\"";
        for (int i = 0; i < BUCKETS.length; i++) {
            out.append("http_server_requests_seconds_bucket{").append(labels).append(",le=\"").append(BUCKETS[i])
                    .append("\"} ").append(counts[i]).append('\n');
        }
        out.append("http_server_requests_seconds_bucket{").append(labels).append(",le=\"+Inf\"} ")
                .append(counts[BUCKETS.length]).append('\n');
        out.append("http_server_requests_seconds_count{").append(labels).append("} ").append(counts[BUCKETS.length])
                .append('\n');
        out.append("http_server_requests_seconds_sum{").append(labels).append("} ").append(sum).append('\n');
    }

    private String cadvisor() {
        StringBuilder cpu = new StringBuilder("# TYPE container_cpu_usage_seconds_total counter\n");
        StringBuilder memory = new StringBuilder("# TYPE container_memory_working_set_bytes gauge\n");
        java.util.Set<String> alive = new java.util.HashSet<>();
        for (Pod pod : appPods()) {
            alive.add(pod.getMetadata().getUid());
            Counters c = advanced(pod);
            double load = knobs.load(pod.getMetadata().getNamespace(), SimContext.deploymentOf(pod));
            List<Container> containers = pod.getSpec().getContainers();
            for (Container container : containers) {
                String labels = "namespace=\"" + pod.getMetadata().getNamespace() + "\",pod=\""
                        + pod.getMetadata().getName() + "\",container=\"" + container.getName() + "\"";
                synchronized (c) {
                    cpu.append("container_cpu_usage_seconds_total{").append(labels).append("} ")
                            .append(c.cpuSeconds / containers.size()).append('\n');
                }
                memory.append("container_memory_working_set_bytes{").append(labels).append("} ")
                        .append(memoryBytes(container, load)).append('\n');
            }
        }
        counters.keySet().retainAll(alive);
        return cpu.append(memory).toString();
    }

    /** The same rule as PodMetrics: half the request at rest, more with load, never past the limit. */
    private static long memoryBytes(Container container, double load) {
        var resources = container.getResources();
        double request = mib(resources == null || resources.getRequests() == null ? null
                : resources.getRequests().get("memory"), 64);
        double limit = mib(resources == null || resources.getLimits() == null ? null
                : resources.getLimits().get("memory"), request * 2);
        return Math.round(Math.min(limit, request * (0.5 + 0.3 * Math.min(load, 2))) * 1024 * 1024);
    }

    private static double mib(Quantity quantity, double otherwise) {
        return quantity == null ? otherwise
                : quantity.getNumericalAmount().doubleValue() / (1024 * 1024);
    }

    private String kubeState() {
        StringBuilder out = new StringBuilder();
        out.append("# TYPE kube_deployment_spec_replicas gauge\n");
        List<Deployment> deployments = sim.deployments();
        for (Deployment d : deployments) {
            Integer replicas = d.getSpec().getReplicas();
            out.append("kube_deployment_spec_replicas{").append(deployment(d)).append("} ")
                    .append(replicas == null ? 1 : replicas).append('\n');
        }
        out.append("# TYPE kube_deployment_status_replicas_ready gauge\n");
        for (Deployment d : deployments) {
            Integer ready = d.getStatus() == null ? null : d.getStatus().getReadyReplicas();
            out.append("kube_deployment_status_replicas_ready{").append(deployment(d)).append("} ")
                    .append(ready == null ? 0 : ready).append('\n');
        }
        StringBuilder restarts = new StringBuilder("# TYPE kube_pod_container_status_restarts_total counter\n");
        StringBuilder waiting = new StringBuilder("# TYPE kube_pod_container_status_waiting_reason gauge\n");
        for (Pod pod : sim.pods()) {
            if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null || Pods.isSimulated(pod)) {
                continue;
            }
            for (ContainerStatus status : pod.getStatus().getContainerStatuses()) {
                String labels = "namespace=\"" + pod.getMetadata().getNamespace() + "\",pod=\""
                        + pod.getMetadata().getName() + "\",container=\"" + status.getName() + "\"";
                restarts.append("kube_pod_container_status_restarts_total{").append(labels).append("} ")
                        .append(status.getRestartCount() == null ? 0 : status.getRestartCount()).append('\n');
                if (status.getState() != null && status.getState().getWaiting() != null
                        && status.getState().getWaiting().getReason() != null) {
                    waiting.append("kube_pod_container_status_waiting_reason{").append(labels).append(",reason=\"")
                            .append(status.getState().getWaiting().getReason()).append("\"} 1\n");
                }
            }
        }
        out.append(restarts).append(waiting);
        out.append("# TYPE kube_resourcequota gauge\n");
        for (ResourceQuota quota : sim.client.resourceQuotas().inAnyNamespace().list().getItems()) {
            if (quota.getStatus() == null) {
                continue;
            }
            String base = "namespace=\"" + quota.getMetadata().getNamespace() + "\",resourcequota=\""
                    + quota.getMetadata().getName() + "\"";
            quotaLines(out, base, "hard", quota.getStatus().getHard());
            quotaLines(out, base, "used", quota.getStatus().getUsed());
        }
        return out.toString();
    }

    private static void quotaLines(StringBuilder out, String base, String type, Map<String, Quantity> values) {
        if (values == null) {
            return;
        }
        values.forEach((resource, quantity) -> out.append("kube_resourcequota{").append(base).append(",resource=\"")
                .append(resource).append("\",type=\"").append(type).append("\"} ")
                .append(quantity.getNumericalAmount().toPlainString()).append('\n'));
    }

    private static String deployment(Deployment d) {
        return "namespace=\"" + d.getMetadata().getNamespace() + "\",deployment=\"" + d.getMetadata().getName() + "\"";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

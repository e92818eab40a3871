package dev.nonstop.metrics.internal;

import dev.nonstop.common.Message;
import dev.nonstop.kube.ClusterCache;
import dev.nonstop.kube.KubeLabels;
import dev.nonstop.metrics.Metric;
import dev.nonstop.metrics.Series;
import dev.nonstop.metrics.TimeRange;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.ContainerMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetricsList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The numbers the portal can show without Prometheus, as the Kubernetes Dashboard's metrics scraper keeps
 * them: every interval, one metrics.k8s.io list of all the portal's pods (CPU and memory per pod) and the
 * ready and desired replicas of every app from the Deployment cache, kept in memory for the last hour.
 * Apps and pods not seen for an hour are forgotten. Nothing is stored; a restart starts an empty hour.
 */
public final class BuiltInMetrics implements MetricsSource, AutoCloseable {

    static final Duration KEPT = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(BuiltInMetrics.class);
    private static final BigDecimal MIB = BigDecimal.valueOf(1024L * 1024L);

    /** The samples of one app: its replicas, and CPU (first) and memory (second) per pod. */
    static final class AppWindow {
        final Window replicas;
        final Map<String, Window> pods = new ConcurrentHashMap<>();
        private final int capacity;

        AppWindow(int capacity) {
            this.capacity = capacity;
            this.replicas = new Window(capacity);
        }

        Window pod(String name) {
            return pods.computeIfAbsent(name, n -> new Window(capacity));
        }

        int bytes() {
            return replicas.bytes() + pods.values().stream().mapToInt(Window::bytes).sum();
        }
    }

    private final KubernetesClient client;
    private final ClusterCache<Deployment> deployments;
    private final ClusterCache<Pod> pods;
    private final Clock clock;
    private final int capacity;
    private final Map<String, AppWindow> apps = new ConcurrentHashMap<>();
    private final ClusterCache<io.fabric8.kubernetes.api.model.ResourceQuota> quotas;
    /** Quota use per tenant namespace: one window per limited resource (percent of the limit, first value). */
    private final Map<String, Map<String, Window>> quotaUse = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scraper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "metrics-scraper");
        thread.setDaemon(true);
        return thread;
    });

    public BuiltInMetrics(KubernetesClient client, ClusterCache<Deployment> deployments, ClusterCache<Pod> pods,
                          ClusterCache<io.fabric8.kubernetes.api.model.ResourceQuota> quotas, Clock clock,
                          Duration interval) {
        this.client = client;
        this.quotas = quotas;
        this.deployments = deployments;
        this.pods = pods;
        this.clock = clock;
        this.capacity = (int) (KEPT.toMillis() / interval.toMillis()) + 1;
    }

    /** Samples every interval in the background, from now on. */
    public void start(Duration interval) {
        scraper.scheduleWithFixedDelay(() -> {
            try {
                sample();
            } catch (RuntimeException e) {
                log.debug("metrics not sampled: {}", e.toString());
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Takes one sample of every app now (the scraper's tick; tests call it to advance on their own clock). */
    public void sample() {
        long now = clock.millis();
        // ready replicas counted from the pods, as the app card counts them
        Map<String, Integer> ready = new HashMap<>();
        for (Pod pod : pods.all()) {
            Map<String, String> labels = pod.getMetadata().getLabels();
            if (labels != null && labels.containsKey(KubeLabels.INSTANCE) && isReady(pod)) {
                ready.merge(pod.getMetadata().getNamespace() + "/" + labels.get(KubeLabels.INSTANCE), 1, Integer::sum);
            }
        }
        for (Deployment d : deployments.all()) {
            Integer desired = d.getSpec() == null ? null : d.getSpec().getReplicas();
            String key = d.getMetadata().getNamespace() + "/" + d.getMetadata().getName();
            window(d.getMetadata().getNamespace(), d.getMetadata().getName())
                    .replicas.add(now, ready.getOrDefault(key, 0), desired == null ? 0 : desired);
        }
        for (PodMetrics pod : podMetrics()) {
            Map<String, String> labels = pod.getMetadata().getLabels();
            String app = labels == null ? null : labels.get(KubeLabels.INSTANCE);
            if (app == null) {
                continue;
            }
            double cpu = 0;
            double memory = 0;
            for (ContainerMetrics c : pod.getContainers()) {
                cpu += amount(c.getUsage().get("cpu")).movePointRight(3).doubleValue();
                memory += amount(c.getUsage().get("memory")).divide(MIB, 3, java.math.RoundingMode.HALF_UP)
                        .doubleValue();
            }
            window(pod.getMetadata().getNamespace(), app).pod(pod.getMetadata().getName()).add(now, cpu, memory);
        }
        for (var quota : quotas.all()) {
            var status = quota.getStatus();
            if (status == null || status.getHard() == null || status.getUsed() == null) {
                continue;
            }
            Map<String, Window> windows = quotaUse.computeIfAbsent(quota.getMetadata().getNamespace(),
                    k -> new ConcurrentHashMap<>());
            status.getHard().forEach((resource, hard) -> {
                BigDecimal limit = amount(hard);
                if (limit.signum() > 0) {
                    double percent = amount(status.getUsed().get(resource)).multiply(BigDecimal.valueOf(100))
                            .divide(limit, 2, java.math.RoundingMode.HALF_UP).doubleValue();
                    windows.computeIfAbsent(resource, r -> new Window(capacity)).add(now, percent, 0);
                }
            });
        }
        long forgetBefore = now - KEPT.toMillis();
        quotaUse.values().forEach(w -> w.values().removeIf(r -> r.newest() < forgetBefore));
        quotaUse.values().removeIf(Map::isEmpty);
        apps.values().forEach(w -> w.pods.values().removeIf(p -> p.newest() < forgetBefore));
        apps.values().removeIf(w -> w.replicas.newest() < forgetBefore && w.pods.isEmpty());
    }

    private static boolean isReady(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() == null && pod.getStatus() != null
                && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private List<PodMetrics> podMetrics() {
        // all namespaces at once, whatever the client's default namespace
        String selector = URLEncoder.encode(KubeLabels.MANAGED_BY + "=" + KubeLabels.MANAGER, StandardCharsets.UTF_8);
        try {
            String body = client.raw("/apis/metrics.k8s.io/v1beta1/pods?labelSelector=" + selector);
            return body == null ? List.of() : Serialization.unmarshal(body, PodMetricsList.class).getItems();
        } catch (KubernetesClientException noMetricsServer) {
            log.debug("no pod metrics: {}", noMetricsServer.getMessage());
            return List.of();
        }
    }

    private static BigDecimal amount(Quantity quantity) {
        return quantity == null ? BigDecimal.ZERO : quantity.getNumericalAmount();
    }

    private AppWindow window(String namespace, String app) {
        return apps.computeIfAbsent(namespace + "/" + app, k -> new AppWindow(capacity));
    }

    @Override
    public Optional<Message> cannotAnswer(Metric metric, TimeRange range) {
        if (!metric.builtIn()) {
            return Optional.of(Message.of("metrics.needs-prometheus.metric"));
        }
        if (range.span().compareTo(KEPT) > 0) {
            return Optional.of(Message.of("metrics.needs-prometheus.range"));
        }
        return Optional.empty();
    }

    @Override
    public Map<String, List<Series>> query(String namespace, Collection<String> names, Metric metric,
                                           TimeRange range, Instant now) {
        long from = now.toEpochMilli() - range.span().toMillis();
        Map<String, List<Series>> answer = new HashMap<>();
        if (metric == Metric.QUOTA) {
            List<Series> series = new ArrayList<>();
            quotaUse.getOrDefault(namespace, Map.of()).entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(e -> new Series(e.getKey(), e.getValue().since(from, true)))
                    .filter(s -> !s.points().isEmpty()).forEach(series::add);
            answer.put(Metric.TENANT, series);
            return answer;
        }
        for (String app : names) {
            AppWindow w = apps.get(namespace + "/" + app);
            if (w == null) {
                continue;
            }
            List<Series> series = new ArrayList<>();
            switch (metric) {
                case REPLICAS -> {
                    series.add(new Series("ready", w.replicas.since(from, true)));
                    series.add(new Series("desired", w.replicas.since(from, false)));
                }
                case CPU, MEMORY -> w.pods.entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .map(e -> new Series(e.getKey(), e.getValue().since(from, metric == Metric.CPU)))
                        .filter(s -> !s.points().isEmpty()).forEach(series::add);
                default -> throw new IllegalArgumentException(metric + " is not kept without Prometheus");
            }
            answer.put(app, series);
        }
        return answer;
    }

    /** Bytes held for one app's hour (the benchmark's memory figure). */
    public int bytesFor(String namespace, String app) {
        AppWindow w = apps.get(namespace + "/" + app);
        return w == null ? 0 : w.bytes();
    }

    @Override
    public String describe() {
        return "built-in (metrics.k8s.io, last hour)";
    }

    @Override
    public void close() {
        scraper.shutdownNow();
    }
}

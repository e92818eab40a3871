package dev.nonstop.metrics.internal;

import dev.nonstop.metrics.Metric;
import dev.nonstop.metrics.TimeRange;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The PromQL the portal asks, with kube-prometheus-stack names (cAdvisor, kube-state-metrics, and the
 * apps' own {@code http_server_requests_seconds}). Every query is bound to one tenant namespace and to
 * the pods of the named apps; names are checked against the DNS-label shape first, so nothing a user
 * typed can change a query. Series come back labelled {@code pod} (per-pod metrics) or {@code app}.
 */
public final class PromQl {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    /** A Deployment's pods: name-replicaSetHash-podHash. */
    private static final String POD_SUFFIX = "-[a-z0-9]+-[a-z0-9]+";

    private PromQl() {
    }

    /** The queries for a metric (REPLICAS: ready, then desired), each yielding series labelled pod or app. */
    public static List<String> of(Metric metric, String namespace, Collection<String> apps, TimeRange range) {
        String pods = selector(namespace, apps);
        String window = window(range);
        return switch (metric) {
            case CPU -> List.of("1000 * sum by (pod) (rate(container_cpu_usage_seconds_total{" + pods
                    + ",container!=\"\",container!=\"POD\"}[" + window + "]))");
            case MEMORY -> List.of("sum by (pod) (container_memory_working_set_bytes{" + pods
                    + ",container!=\"\",container!=\"POD\"}) / 1048576");
            case RESTARTS -> List.of("sum by (pod) (increase(kube_pod_container_status_restarts_total{" + pods
                    + "}[" + window + "]))");
            case REQUESTS -> List.of(byApp("sum by (pod) (rate(http_server_requests_seconds_count{" + pods + "}["
                    + window + "]))"));
            case ERRORS -> {
                String all = byApp("sum by (pod) (rate(http_server_requests_seconds_count{" + pods + "}[" + window
                        + "]))");
                String failed = byApp("sum by (pod) (rate(http_server_requests_seconds_count{" + pods
                        + ",status=~\"5..\"}[" + window + "]))");
                // no 5xx series at all is 0 %, not "no data"
                yield List.of("100 * (" + failed + " or 0 * " + all + ") / " + all);
            }
            case LATENCY_P95 -> List.of("1000 * histogram_quantile(0.95, sum by (app, le) (label_replace("
                    + "rate(http_server_requests_seconds_bucket{" + pods + "}[" + window + "]), \"app\", \"$1\", "
                    + "\"pod\", \"(.+)" + POD_SUFFIX + "\")))");
            case QUOTA -> List.of("100 * sum by (resource) (kube_resourcequota{namespace=\"" + checked(namespace)
                    + "\",type=\"used\"}) / sum by (resource) (kube_resourcequota{namespace=\"" + checked(namespace)
                    + "\",type=\"hard\"} > 0)");
            case REPLICAS -> List.of(
                    deployments("kube_deployment_status_replicas_ready", namespace, apps),
                    deployments("kube_deployment_spec_replicas", namespace, apps));
        };
    }

    /** {@code namespace="…",pod=~"(a|b)-…-…"} for these apps. */
    static String selector(String namespace, Collection<String> apps) {
        return "namespace=\"" + checked(namespace) + "\",pod=~\"(" + String.join("|",
                apps.stream().map(PromQl::checked).toList()) + ")" + POD_SUFFIX + "\"";
    }

    private static String deployments(String series, String namespace, Collection<String> apps) {
        return "sum by (app) (label_replace(" + series + "{namespace=\"" + checked(namespace) + "\",deployment=~\"("
                + String.join("|", apps.stream().map(PromQl::checked).toList()) + ")\"}, \"app\", \"$1\", "
                + "\"deployment\", \"(.+)\"))";
    }

    /** Per-pod series summed per app (the app is the pod name without its two hashes). */
    private static String byApp(String perPod) {
        return "sum by (app) (label_replace(" + perPod + ", \"app\", \"$1\", \"pod\", \"(.+)" + POD_SUFFIX + "\"))";
    }

    /** The rate window: at least four scrapes of 15 s, wider for long ranges. */
    static String window(TimeRange range) {
        long seconds = Math.max(60, range.step().toSeconds() * 2);
        return seconds + "s";
    }

    static String checked(String name) {
        if (!DNS_LABEL.matcher(name).matches()) {
            throw new IllegalArgumentException("not a DNS label: " + name);
        }
        return name;
    }
}

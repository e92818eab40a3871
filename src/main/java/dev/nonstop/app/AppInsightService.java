package dev.nonstop.app;

import dev.nonstop.app.manifest.AppDeployment;
import dev.nonstop.common.UserError;
import dev.nonstop.kube.InformerRegistry;
import dev.nonstop.kube.KubeLabels;
import dev.nonstop.tenant.TenantService;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * What an app's detail page shows from the cluster: its pods (node, zone, phase, ready, restarts,
 * age), the recent events about it, and a pod's log. Only the caller's own apps, only their own pods.
 */
@Service
public class AppInsightService {

    static final int EVENTS = 30;
    public static final int LOG_LINES = 300;

    private final AppService apps;
    private final TenantService tenants;
    private final InformerRegistry informers;
    private final KubernetesClient client;

    AppInsightService(AppService apps, TenantService tenants, InformerRegistry informers, KubernetesClient client) {
        this.apps = apps;
        this.tenants = tenants;
        this.informers = informers;
        this.client = client;
    }

    public List<PodInfo> pods(long appId) {
        App app = apps.get(appId);
        return podsOf(app).stream().map(p -> {
            String node = p.getSpec().getNodeName() == null ? "" : p.getSpec().getNodeName();
            String zone = informers.cluster(Node.class).get("", node).map(n -> n.getMetadata().getLabels()
                    .get("topology.kubernetes.io/zone")).orElse(null);
            int restarts = p.getStatus() == null || p.getStatus().getContainerStatuses() == null ? 0
                    : p.getStatus().getContainerStatuses().stream().mapToInt(s -> s.getRestartCount() == null ? 0
                            : s.getRestartCount()).sum();
            String phase = p.getStatus() == null || p.getStatus().getPhase() == null ? "Pending"
                    : p.getStatus().getPhase();
            String waiting = p.getStatus() == null || p.getStatus().getContainerStatuses() == null ? null
                    : p.getStatus().getContainerStatuses().stream().filter(s -> s.getState() != null
                            && s.getState().getWaiting() != null).map(s -> s.getState().getWaiting().getReason())
                            .findFirst().orElse(null);
            Instant started = p.getStatus() == null || p.getStatus().getStartTime() == null ? null
                    : Instant.parse(p.getStatus().getStartTime());
            String release = p.getMetadata().getAnnotations() == null ? "" : p.getMetadata().getAnnotations()
                    .getOrDefault(AppDeployment.RELEASE_ANNOTATION, "");
            return new PodInfo(p.getMetadata().getName(), node, zone, waiting == null ? phase : waiting,
                    AppHealth.isReady(p), restarts, started, release);
        }).sorted(Comparator.comparing(PodInfo::name)).toList();
    }

    /** The newest events about the app's Deployment, ReplicaSets and pods. */
    public List<ClusterEvent> events(long appId) {
        App app = apps.get(appId);
        String ns = tenants.current().slug().namespace();
        List<Event> events;
        try {
            events = client.v1().events().inNamespace(ns).list().getItems();
        } catch (KubernetesClientException unreachable) {
            return List.of();
        }
        java.util.Map<String, String> zones = new java.util.HashMap<>();
        informers.cluster(Node.class).all().forEach(n -> {
            String zone = n.getMetadata().getLabels() == null ? null
                    : n.getMetadata().getLabels().get("topology.kubernetes.io/zone");
            if (zone != null) {
                zones.put(n.getMetadata().getName(), zone);
            }
        });
        return events.stream()
                .filter(e -> e.getInvolvedObject() != null && e.getInvolvedObject().getName() != null
                        && (e.getInvolvedObject().getName().equals(app.name())
                        || e.getInvolvedObject().getName().startsWith(app.name() + "-")))
                .map(e -> new ClusterEvent(time(e), String.valueOf(e.getType()), String.valueOf(e.getReason()),
                        e.getInvolvedObject().getKind() + "/" + e.getInvolvedObject().getName(),
                        String.valueOf(e.getMessage()), e.getCount() == null ? 1 : e.getCount(),
                        EventSentences.of(String.valueOf(e.getReason()), String.valueOf(e.getInvolvedObject()
                                .getKind()), e.getInvolvedObject().getName(), String.valueOf(e.getMessage()), zones)))
                .sorted(Comparator.comparing(ClusterEvent::at, Comparator.nullsLast(Comparator.reverseOrder())))
                .limit(EVENTS).toList();
    }

    /** The last lines of one of the app's pods' log. */
    public String log(long appId, String podName) {
        App app = apps.get(appId);
        Pod pod = podsOf(app).stream().filter(p -> p.getMetadata().getName().equals(podName)).findFirst()
                .orElseThrow(() -> new UserError("app.pod.not-found", podName));
        try {
            String log = client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(podName)
                    .tailingLines(LOG_LINES).getLog();
            return log == null ? "" : log;
        } catch (KubernetesClientException e) {
            throw new UserError("app.pod.log-unavailable", podName);
        }
    }

    /**
     * Streams a pod's log as it is written (Kubernetes {@code follow}), line by line, from its last
     * {@value #LOG_LINES} lines on; close the result to stop. A cluster that cannot follow (the sandbox)
     * sends what it has and ends.
     */
    public AutoCloseable follow(long appId, String podName, java.util.function.Consumer<String> line) {
        App app = apps.get(appId);
        Pod pod = podsOf(app).stream().filter(p -> p.getMetadata().getName().equals(podName)).findFirst()
                .orElseThrow(() -> new UserError("app.pod.not-found", podName));
        var watch = client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(podName)
                .tailingLines(LOG_LINES).watchLog();
        Thread reader = Thread.ofVirtual().name("log-" + podName).start(() -> {
            try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(watch.getOutput(),
                    java.nio.charset.StandardCharsets.UTF_8))) {
                String next;
                while ((next = lines.readLine()) != null) {
                    line.accept(next);
                }
            } catch (java.io.IOException | RuntimeException closed) {
                // the watch was closed or the pod went away
            }
        });
        return () -> {
            watch.close();
            reader.interrupt();
        };
    }

    private List<Pod> podsOf(App app) {
        String ns = tenants.current().slug().namespace();
        return informers.managed(Pod.class).inNamespace(ns).stream()
                .filter(p -> p.getMetadata().getLabels() != null
                        && app.name().equals(p.getMetadata().getLabels().get(KubeLabels.INSTANCE)))
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
    }

    private static Instant time(Event e) {
        String t = e.getLastTimestamp() != null ? e.getLastTimestamp() : e.getFirstTimestamp();
        try {
            return t == null ? null : Instant.parse(t);
        } catch (RuntimeException unparsable) {
            return null;
        }
    }
}

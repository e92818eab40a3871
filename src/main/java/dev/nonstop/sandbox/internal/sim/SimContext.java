package dev.nonstop.sandbox.internal.sim;

import dev.nonstop.sandbox.SandboxSettings;
import dev.nonstop.sandbox.SimClock;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every simulated controller shares: the sandbox's own client, simulated time, settings, and
 * informer caches of the kinds they read. Controllers run one after another on one thread.
 */
public final class SimContext implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SimContext.class);

    final KubernetesClient client;
    final SimClock clock;
    final SandboxSettings settings;
    final SharedIndexInformer<Node> nodes;
    final SharedIndexInformer<Pod> pods;
    final SharedIndexInformer<ReplicaSet> replicaSets;
    final SharedIndexInformer<Deployment> deployments;
    final SharedIndexInformer<ResourceQuota> quotas;
    final SharedIndexInformer<HorizontalPodAutoscaler> autoscalers;
    final BuildFaults buildFaults = new BuildFaults();
    /** Fault: images whose reference contains one of these crash (CrashLoopBackOff). */
    final java.util.Set<String> crashingImages = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Writes of one controller step go out in parallel; the step waits for them before the next runs. */
    private final java.util.concurrent.ExecutorService writers = java.util.concurrent.Executors.newFixedThreadPool(8,
            r -> {
                Thread thread = new Thread(r, "sandbox-writer");
                thread.setDaemon(true);
                return thread;
            });
    private final List<java.util.concurrent.Future<?>> pending = new java.util.ArrayList<>();

    public SimContext(KubernetesClient client, SimClock clock, SandboxSettings settings) {
        this.client = client;
        this.clock = clock;
        this.settings = settings;
        this.nodes = client.nodes().inform();
        this.pods = client.pods().inAnyNamespace().inform();
        this.replicaSets = client.apps().replicaSets().inAnyNamespace().inform();
        this.deployments = client.apps().deployments().inAnyNamespace().inform();
        this.quotas = client.resourceQuotas().inAnyNamespace().inform();
        this.autoscalers = client.autoscaling().v2().horizontalPodAutoscalers().inAnyNamespace().inform();
    }

    Instant now() {
        return clock.instant();
    }

    String timestamp() {
        return now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    List<Node> nodes() {
        return nodes.getStore().list();
    }

    List<Pod> pods() {
        return pods.getStore().list();
    }

    List<ReplicaSet> replicaSets() {
        return replicaSets.getStore().list();
    }

    List<Deployment> deployments() {
        return deployments.getStore().list();
    }

    /** Writes an Event about an object, as the cluster's components do. Failures are logged, not thrown. */
    void event(HasMetadata about, String type, String reason, String message, String component) {
        try {
            String namespace = about.getMetadata().getNamespace() == null ? "default"
                    : about.getMetadata().getNamespace();
            Event event = new EventBuilder().withNewMetadata()
                    .withName(about.getMetadata().getName() + "." + UUID.randomUUID().toString().substring(0, 13))
                    .withNamespace(namespace).endMetadata()
                    .withNewInvolvedObject().withApiVersion(about.getApiVersion()).withKind(about.getKind())
                    .withName(about.getMetadata().getName()).withNamespace(about.getMetadata().getNamespace())
                    .withUid(about.getMetadata().getUid()).endInvolvedObject()
                    .withType(type).withReason(reason).withMessage(message)
                    .withNewSource().withComponent(component).endSource()
                    .withFirstTimestamp(timestamp()).withLastTimestamp(timestamp()).withCount(1)
                    .build();
            client.resource(event).create();
        } catch (KubernetesClientException e) {
            log.debug("event not written: {}", e.getMessage());
        }
    }

    /** Sends a write in the background; {@link #awaitWrites()} waits for all of them. */
    void write(Runnable write) {
        pending.add(writers.submit(() -> {
            try {
                write.run();
            } catch (KubernetesClientException e) {
                log.debug("sandbox write failed: {}", e.getMessage());
            }
        }));
    }

    void awaitWrites() {
        for (java.util.concurrent.Future<?> f : pending) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                log.debug("sandbox write failed: {}", e.getCause().toString());
            }
        }
        pending.clear();
    }

    boolean synced() {
        return nodes.hasSynced() && pods.hasSynced() && replicaSets.hasSynced() && deployments.hasSynced()
                && quotas.hasSynced() && autoscalers.hasSynced();
    }

    @Override
    public void close() {
        writers.shutdownNow();
        nodes.close();
        pods.close();
        replicaSets.close();
        deployments.close();
        quotas.close();
        autoscalers.close();
    }

    /** The Deployment a pod belongs to, from its ReplicaSet owner's name ("web-<hash>" → "web"). */
    static String deploymentOf(Pod pod) {
        if (pod.getMetadata().getOwnerReferences() == null) {
            return "";
        }
        return pod.getMetadata().getOwnerReferences().stream().filter(r -> "ReplicaSet".equals(r.getKind()))
                .map(r -> r.getName().replaceAll("-[^-]+$", "")).findFirst().orElse("");
    }
}

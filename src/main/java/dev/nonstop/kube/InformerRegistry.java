package dev.nonstop.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * One cluster-wide informer per kind: a single watch however many tenant namespaces exist (decision
 * 0005). Kinds the portal creates are filtered on the managed-by label; cluster kinds it only reads
 * (nodes) are not. Each change is published as a {@link ClusterChange}.
 */
@Component
public class InformerRegistry implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InformerRegistry.class);
    private static final long RESYNC = Duration.ofMinutes(10).toMillis();

    private final KubernetesClient client;
    private final ApplicationEventPublisher events;
    private final Map<Class<?>, SharedIndexInformer<?>> informers = new ConcurrentHashMap<>();

    InformerRegistry(KubernetesClient client, ApplicationEventPublisher events) {
        this.client = client;
        this.events = events;
    }

    /** A registry outside Spring, for the scale benchmark. */
    public static InformerRegistry forBenchmark(KubernetesClient client, ApplicationEventPublisher events) {
        return new InformerRegistry(client, events);
    }

    /** The cache of a kind the portal manages (label managed-by=nonstop), started on first use. */
    public <T extends HasMetadata> ClusterCache<T> managed(Class<T> kind) {
        return new ClusterCache<>(informer(kind, true));
    }

    /** The cache of a cluster kind the portal only reads (e.g. nodes), unfiltered. */
    public <T extends HasMetadata> ClusterCache<T> cluster(Class<T> kind) {
        return new ClusterCache<>(informer(kind, false));
    }

    @SuppressWarnings("unchecked")
    private synchronized <T extends HasMetadata> SharedIndexInformer<T> informer(Class<T> kind, boolean filtered) {
        SharedIndexInformer<T> existing = (SharedIndexInformer<T>) informers.get(kind);
        if (existing != null) {
            return existing;
        }
        var resources = client.resources(kind).inAnyNamespace();
        SharedIndexInformer<T> informer = (filtered
                ? resources.withLabel(KubeLabels.MANAGED_BY, KubeLabels.MANAGER) : resources)
                .inform(handler(kind), RESYNC);
        informers.put(kind, informer);
        log.info("Watching {} cluster-wide{}", kind.getSimpleName(), filtered ? " (managed by nonstop)" : "");
        return informer;
    }

    private <T extends HasMetadata> ResourceEventHandler<T> handler(Class<T> kind) {
        io.micrometer.core.instrument.Timer lag = lag(kind);
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                lag.record(() -> events.publishEvent(new ClusterChange<>(ClusterChange.Type.ADDED, kind, object)));
            }

            @Override
            public void onUpdate(T before, T after) {
                if (!before.getMetadata().getResourceVersion().equals(after.getMetadata().getResourceVersion())) {
                    lag.record(() -> events.publishEvent(new ClusterChange<>(ClusterChange.Type.UPDATED, kind,
                            after)));
                }
            }

            @Override
            public void onDelete(T object, boolean finalStateUnknown) {
                lag.record(() -> events.publishEvent(new ClusterChange<>(ClusterChange.Type.DELETED, kind,
                        object)));
            }
        };
    }

    /** How many watches the portal holds on the cluster: one per kind. */
    public int watchCount() {
        return informers.size();
    }

    /** Objects cached per kind, for health details and the benchmark. */
    public Map<String, Integer> cacheSizes() {
        Map<String, Integer> sizes = new TreeMap<>();
        informers.forEach((kind, informer) -> sizes.put(kind.getSimpleName(), informer.getIndexer().list().size()));
        return sizes;
    }

    @Override
    public void close() {
        informers.values().forEach(SharedIndexInformer::close);
        informers.clear();
    }

    /**
     * The informer's lag the portal adds: how long its handlers hold an informer's event thread per change
     * (every later change of that kind waits as long), by kind, on the portal's own metrics.
     */
    private static io.micrometer.core.instrument.Timer lag(Class<?> kind) {
        return io.micrometer.core.instrument.Timer.builder("nonstop.informer.lag")
                .description("Time the portal's handlers hold an informer's event thread per change")
                .tag("kind", kind.getSimpleName()).publishPercentileHistogram()
                .register(io.micrometer.core.instrument.Metrics.globalRegistry);
    }
}

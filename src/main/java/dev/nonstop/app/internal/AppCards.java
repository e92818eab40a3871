package dev.nonstop.app.internal;

import dev.nonstop.app.App;
import dev.nonstop.app.AppHealth;
import dev.nonstop.app.AppSettings;
import dev.nonstop.app.AppStatus;
import dev.nonstop.app.Release;
import dev.nonstop.app.manifest.AppHost;
import dev.nonstop.common.KeyedWork;
import dev.nonstop.kube.InformerRegistry;
import dev.nonstop.kube.KubeLabels;
import dev.nonstop.tenant.TenantDirectory;
import dev.nonstop.tenant.TenantInfo;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Computes an app's card once per change and hands the same card to every open screen of its tenant
 * (rather than each screen recomputing it). Changes of one app that arrive while its card is being
 * computed are folded into one more computation.
 */
@Component
public class AppCards implements AutoCloseable {

    /** Cards computed in parallel (different apps; one app is never computed twice at once). */
    static final int COMPUTE_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());

    private static final Logger log = LoggerFactory.getLogger(AppCards.class);

    private final AppRepository apps;
    private final ReleaseRepository releases;
    private final DrillRepository drills;
    private final TenantDirectory tenants;
    private final InformerRegistry informers;
    private final AppSettings settings;
    private final TransactionTemplate tx;
    private final Map<String, Set<Screen>> screens = new ConcurrentHashMap<>();
    private final ExecutorService delivering = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("app-card-delivery-", 0).factory());
    private final KeyedWork<String> computations = new KeyedWork<>("app-cards", COMPUTE_THREADS,
            this::computeAndDeliver, e -> log.debug("card not computed: {}", e.toString()));
    private final KeyedWork<Screen> deliveries = new KeyedWork<>(delivering, Screen::drain,
            e -> log.debug("card not delivered: {}", e.toString()));

    private record Pending(AppStatus card, long since) {
    }

    /** From a cluster change reaching the portal to a screen holding the app's new card, on the portal's metrics. */
    private static final io.micrometer.core.instrument.Timer PUSH = io.micrometer.core.instrument.Timer
            .builder("nonstop.cards.push").description("Time from a cluster change to an open screen's new card")
            .publishPercentileHistogram().register(io.micrometer.core.instrument.Metrics.globalRegistry);
    /** When each app's first not yet computed change arrived (nanoTime), by namespace/app. */
    private final Map<String, Long> changedSince = new ConcurrentHashMap<>();

    /** One open screen: the newest card per app it has not seen yet, handed over one at a time. */
    private static final class Screen {
        private final Consumer<AppStatus> listener;
        /** The newest unseen card per app, with when the change behind it reached the portal (nanoTime). */
        private final Map<Long, Pending> unseen = new ConcurrentHashMap<>();

        Screen(Consumer<AppStatus> listener) {
            this.listener = listener;
        }

        void drain() {
            for (Long appId : unseen.keySet()) {
                Pending pending = unseen.remove(appId);
                if (pending != null) {
                    try {
                        listener.accept(pending.card());
                        PUSH.record(System.nanoTime() - pending.since(), java.util.concurrent.TimeUnit.NANOSECONDS);
                    } catch (RuntimeException e) {
                        // a card the screen could not take (it is closing) must not hold back the others
                        log.debug("card {} not delivered: {}", appId, e.toString());
                    }
                }
            }
        }
    }

    AppCards(AppRepository apps, ReleaseRepository releases, DrillRepository drills, TenantDirectory tenants,
             InformerRegistry informers, AppSettings settings, TransactionTemplate tx, AppEvents events) {
        this.apps = apps;
        this.releases = releases;
        this.drills = drills;
        this.tenants = tenants;
        this.informers = informers;
        this.settings = settings;
        this.tx = tx;
        events.subscribeAll(this::changed);
    }

    /**
     * Calls {@code listener} with the fresh card of any app in {@code namespace} that changes: one
     * card at a time, the newest of each app, on a thread of its own, so a slow screen (a Push write
     * to a far browser) holds up neither the computation nor any other screen.
     */
    public Runnable subscribe(String namespace, Consumer<AppStatus> listener) {
        Screen screen = new Screen(listener);
        screens.computeIfAbsent(namespace, k -> ConcurrentHashMap.newKeySet()).add(screen);
        return () -> screens.getOrDefault(namespace, Set.of()).remove(screen);
    }

    private void changed(String namespace, String app) {
        Set<Screen> targets = screens.get(namespace);
        if (targets != null && !targets.isEmpty()) {
            changedSince.putIfAbsent(namespace + "/" + app, System.nanoTime());
            computations.submit(namespace + "/" + app);
        }
    }

    private void computeAndDeliver(String key) {
        String namespace = key.substring(0, key.indexOf('/'));
        String app = key.substring(key.indexOf('/') + 1);
        Long since = changedSince.remove(key);
        long changed = since == null ? System.nanoTime() : since;
        AppStatus card = tx.execute(status -> tenants.idOf(namespace.substring(2))
                .flatMap(tenantId -> apps.findByTenantIdAndName(tenantId, app))
                .map(entity -> compute(tenants.info(entity.tenantId()), entity.toRecord())).orElse(null));
        if (card != null) {
            for (Screen screen : screens.getOrDefault(namespace, Set.of())) {
                screen.unseen.merge(card.appId(), new Pending(card, changed),
                        (old, fresh) -> new Pending(fresh.card(), Math.min(old.since(), fresh.since())));
                deliveries.submit(screen);
            }
        }
    }

    /** The card of one app, from the informer caches and its rows. */
    public AppStatus compute(TenantInfo tenant, App app) {
        String ns = tenant.slug().namespace();
        Release release = app.currentReleaseId() == null ? null
                : releases.findById(app.currentReleaseId()).map(ReleaseEntity::toRecord).orElse(null);
        Deployment deployment = informers.managed(Deployment.class).get(ns, app.name()).orElse(null);
        var pods = informers.managed(Pod.class).inNamespace(ns).stream()
                .filter(p -> p.getMetadata().getLabels() != null
                        && app.name().equals(p.getMetadata().getLabels().get(KubeLabels.INSTANCE))).toList();
        Map<String, AppHealth.NodeView> nodes = new HashMap<>();
        informers.cluster(Node.class).all().forEach(n -> nodes.put(n.getMetadata().getName(), new AppHealth.NodeView(
                n.getMetadata().getLabels() == null ? null : n.getMetadata().getLabels()
                        .get("topology.kubernetes.io/zone"), n.getStatus() != null
                        && n.getStatus().getConditions() != null && n.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())))));
        boolean pdb = informers.managed(PodDisruptionBudget.class).get(ns, app.name()).isPresent();
        String url = "https://" + AppHost.of(app.name(), tenant.slug().value(), settings.baseDomain());
        return AppHealth.of(app, release, url, deployment, pods, nodes, pdb, tenant.tier().limits().zonesPromised())
                .withDrill(drills.findByAppIdOrderByIdDesc(app.id()).stream().findFirst()
                        .map(DrillEntity::toRecord).orElse(null));
    }

    @Override
    public void close() {
        computations.close();
        delivering.shutdownNow();
    }
}

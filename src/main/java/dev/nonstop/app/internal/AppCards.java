package dev.nonstop.app.internal;

import dev.nonstop.app.App;
import dev.nonstop.app.AppHealth;
import dev.nonstop.app.AppSettings;
import dev.nonstop.app.AppStatus;
import dev.nonstop.app.Release;
import dev.nonstop.app.manifest.AppHost;
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

    private static final Logger log = LoggerFactory.getLogger(AppCards.class);

    private final AppRepository apps;
    private final ReleaseRepository releases;
    private final DrillRepository drills;
    private final TenantDirectory tenants;
    private final InformerRegistry informers;
    private final AppSettings settings;
    private final TransactionTemplate tx;
    private final Map<String, Set<Consumer<AppStatus>>> listeners = new ConcurrentHashMap<>();
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "app-cards");
        thread.setDaemon(true);
        return thread;
    });

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

    /** Calls {@code listener} with the fresh card of any app in {@code namespace} that changes. */
    public Runnable subscribe(String namespace, Consumer<AppStatus> listener) {
        listeners.computeIfAbsent(namespace, k -> ConcurrentHashMap.newKeySet()).add(listener);
        return () -> listeners.getOrDefault(namespace, Set.of()).remove(listener);
    }

    private void changed(String namespace, String app) {
        Set<Consumer<AppStatus>> targets = listeners.get(namespace);
        if (targets == null || targets.isEmpty() || !queued.add(namespace + "/" + app)) {
            return;
        }
        worker.submit(() -> {
            queued.remove(namespace + "/" + app);
            try {
                AppStatus card = tx.execute(status -> tenants.idOf(namespace.substring(2))
                        .flatMap(tenantId -> apps.findByTenantIdAndName(tenantId, app))
                        .map(entity -> compute(tenants.info(entity.tenantId()), entity.toRecord())).orElse(null));
                if (card != null) {
                    listeners.getOrDefault(namespace, Set.of()).forEach(l -> l.accept(card));
                }
            } catch (RuntimeException e) {
                log.debug("card of {}/{} not computed: {}", namespace, app, e.toString());
            }
        });
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
        Map<String, String> zones = new HashMap<>();
        informers.cluster(Node.class).all().forEach(n -> zones.put(n.getMetadata().getName(),
                n.getMetadata().getLabels() == null ? null : n.getMetadata().getLabels()
                        .get("topology.kubernetes.io/zone")));
        boolean pdb = informers.managed(PodDisruptionBudget.class).get(ns, app.name()).isPresent();
        String url = "https://" + AppHost.of(app.name(), tenant.slug().value(), settings.baseDomain());
        return AppHealth.of(app, release, url, deployment, pods, zones, pdb, tenant.tier().limits().zonesPromised())
                .withDrill(drills.findByAppIdOrderByIdDesc(app.id()).stream().findFirst()
                        .map(DrillEntity::toRecord).orElse(null));
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}

package dev.nonstop.tenant.internal;

import dev.nonstop.common.TenantSlug;
import dev.nonstop.kube.Applier;
import dev.nonstop.kube.ClusterChange;
import dev.nonstop.kube.InformerRegistry;
import dev.nonstop.kube.KubeLabels;
import dev.nonstop.tenant.TenancySettings;
import dev.nonstop.tenant.TenantCreated;
import dev.nonstop.tenant.TenantDeleting;
import dev.nonstop.tenant.TenantTierChanged;
import dev.nonstop.tenant.manifest.TenantNamespace;
import dev.nonstop.tenant.manifest.TenantObjects;
import dev.nonstop.tier.TierLimits;
import dev.nonstop.tier.TierLimitsChanged;
import dev.nonstop.tier.TierService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keeps every tenant's isolation-contract objects as its tier says (server-side apply, idempotent):
 * all tenants at start and every ten minutes, a new tenant after sign-up commits, the affected tenants
 * after a tier change, and any tenant whose objects drift (deleted or edited), seen through the
 * informers. Work is coalesced per tenant and done on one thread; a failure is retried.
 */
@Component
public class TenantReconciler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TenantReconciler.class);
    private static final Set<Class<? extends HasMetadata>> KINDS = Set.of(Namespace.class, ResourceQuota.class,
            LimitRange.class, NetworkPolicy.class, ServiceAccount.class);

    private final TenantRepository tenants;
    private final Set<String> leaving = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final TierService tiers;
    private final Applier applier;
    private final InformerRegistry informers;
    private final TenancySettings settings;
    private final dev.nonstop.kube.WorkQueue<String> queue = new dev.nonstop.kube.WorkQueue<>("tenant-reconciler",
            slug -> reconcile(new TenantSlug(slug)), java.time.Duration.ofMillis(100), java.time.Duration.ofSeconds(10));

    TenantReconciler(TenantRepository tenants, TierService tiers, Applier applier, InformerRegistry informers,
                     TenancySettings settings) {
        this.tenants = tenants;
        this.tiers = tiers;
        this.applier = applier;
        this.informers = informers;
        this.settings = settings;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        KINDS.forEach(informers::managed);
        queue.every(java.time.Duration.ofMinutes(10), this::reconcileAll);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(TenantCreated created) {
        enqueue(created.slug().value());
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(TenantTierChanged changed) {
        enqueue(changed.slug().value());
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(TierLimitsChanged changed) {
        long tierId = tiers.byCode(changed.code()).id();
        tenants.findByTierId(tierId).forEach(t -> enqueue(t.slug()));
    }

    /** Drift: one of a tenant's objects was deleted, or no longer says what the tier says. */
    @EventListener
    void on(ClusterChange<?> change) {
        if (!KINDS.contains(change.kind())) {
            return;
        }
        String tenant = change.object().getMetadata().getLabels() == null ? null
                : change.object().getMetadata().getLabels().get(KubeLabels.TENANT);
        if (tenant == null || !TenantNamespace.COMPONENT.equals(
                change.object().getMetadata().getLabels().get(KubeLabels.NAME))) {
            return;
        }
        if (change.type() == ClusterChange.Type.DELETED || drifted(tenant, change.object())) {
            enqueue(tenant);
        }
    }

    private boolean drifted(String slug, HasMetadata actual) {
        return tenants.findBySlug(slug).map(t -> desired(t).stream()
                .filter(d -> d.getKind().equals(actual.getKind())
                        && d.getMetadata().getName().equals(actual.getMetadata().getName()))
                .findFirst().map(d -> !Drift.matches(d, actual)).orElse(false)).orElse(false);
    }

    /** Queues every tenant: at start (tenants that lack their objects get them) and every ten minutes. */
    public void reconcileAll() {
        try {
            tenants.findAll().forEach(t -> enqueue(t.slug()));
        } catch (RuntimeException e) {
            log.warn("Could not list tenants to reconcile: {}", e.toString());
        }
    }

    private void enqueue(String slug) {
        queue.enqueue(slug);
    }

    /**
     * A tenant is being deleted: its row stays visible to this thread until the deletion commits, so
     * no reconcile may put its namespace back meanwhile; once committed, a reconcile that was already
     * running when the deletion began may have, so the namespace is deleted once more.
     */
    @EventListener
    void on(TenantDeleting deleting) {
        String slug = deleting.slug().value();
        leaving.add(slug);
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                leaving.remove(slug);
                if (status != STATUS_COMMITTED) {
                    enqueue(slug);
                    return;
                }
                try {
                    applier.delete(TenantNamespace.of(deleting.slug()));
                } catch (RuntimeException e) {
                    log.warn("Namespace of deleted tenant {} not deleted again: {}", slug, e.toString());
                }
            }
        });
    }

    /** Applies the tenant's objects now; false when there is no such tenant (or it is being deleted). */
    public boolean reconcile(TenantSlug slug) {
        if (leaving.contains(slug.value())) {
            return false;
        }
        var tenant = tenants.findBySlug(slug.value());
        if (tenant.isEmpty()) {
            return false;
        }
        RECONCILE.record(() -> {
            List<HasMetadata> desired = desired(tenant.get());
            desired.forEach(applier::apply);
            prune(slug, desired);
        });
        return true;
    }

    /** How long bringing one tenant's namespace, quota and policies to their desired state takes. */
    private static final io.micrometer.core.instrument.Timer RECONCILE = io.micrometer.core.instrument.Timer
            .builder("nonstop.reconcile").description("Time to bring one app or tenant to its desired state")
            .tag("kind", "tenant").publishPercentileHistogram()
            .register(io.micrometer.core.instrument.Metrics.globalRegistry);

    /** Removes network policies the portal made for this tenant and no longer wants (a setting changed). */
    private void prune(TenantSlug slug, List<HasMetadata> desired) {
        Set<String> wanted = desired.stream().filter(NetworkPolicy.class::isInstance)
                .map(o -> o.getMetadata().getName()).collect(java.util.stream.Collectors.toSet());
        informers.managed(NetworkPolicy.class).inNamespace(slug.namespace()).stream()
                .filter(p -> !wanted.contains(p.getMetadata().getName()))
                .filter(p -> p.getMetadata().getLabels() != null
                        && TenantNamespace.COMPONENT.equals(p.getMetadata().getLabels().get(KubeLabels.NAME)))
                .forEach(applier::delete);
    }

    private List<HasMetadata> desired(TenantEntity tenant) {
        TierLimits limits = tiers.byId(tenant.tierId()).limits();
        return TenantObjects.of(new TenantSlug(tenant.slug()), limits, settings);
    }

    /** Waits until no reconcile is queued or running (tests). */
    public boolean awaitIdle(java.time.Duration timeout) throws InterruptedException {
        return queue.awaitIdle(timeout);
    }

    @Override
    public void close() {
        queue.close();
    }
}

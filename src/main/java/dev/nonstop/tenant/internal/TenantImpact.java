package dev.nonstop.tenant.internal;

import dev.nonstop.common.ReplicaSize;
import dev.nonstop.common.TenantSlug;
import dev.nonstop.kube.InformerRegistry;
import dev.nonstop.tenant.AppReplicas;
import dev.nonstop.tier.QuotaOverage;
import dev.nonstop.tier.TierCode;
import dev.nonstop.tier.TierImpact;
import dev.nonstop.tier.TierLimits;
import dev.nonstop.tier.TierService;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** Answers for the tier feature what new limits would do to the tenants on a tier, and scales apps down to fit. */
@Component
public class TenantImpact implements TierImpact {

    private final TenantRepository tenants;
    private final TierService tiers;
    private final QuotaReader quotas;
    private final InformerRegistry informers;
    private final KubernetesClient client;
    private final ObjectProvider<AppReplicas> appReplicas;

    TenantImpact(TenantRepository tenants, @Lazy TierService tiers, QuotaReader quotas, InformerRegistry informers,
                 KubernetesClient client, ObjectProvider<AppReplicas> appReplicas) {
        this.tenants = tenants;
        this.appReplicas = appReplicas;
        this.tiers = tiers;
        this.quotas = quotas;
        this.informers = informers;
        this.client = client;
    }

    @Override
    public int tenantsOn(TierCode code) {
        return onTier(code).size();
    }

    @Override
    public List<QuotaOverage> overages(TierCode code, TierLimits limits) {
        List<QuotaOverage> overages = new ArrayList<>();
        onTier(code).forEach(slug -> overages.addAll(quotas.overages(slug, limits)));
        return overages;
    }

    @Override
    public List<String> scaleDownToFit(TierCode code, TierLimits limits) {
        List<String> changed = new ArrayList<>();
        onTier(code).forEach(slug -> changed.addAll(scaleDownToFit(slug, limits)));
        return changed;
    }

    /**
     * Brings each app of the tenant within {@code limits}: replicas larger than the tier's largest size
     * to that size, then to the tier's most replicas, then, if the tenant is still over, to its fewest.
     * Returns what was changed, "tenant/app from → to".
     */
    public List<String> scaleDownToFit(TenantSlug slug, TierLimits limits) {
        List<String> changed = new ArrayList<>();
        List<Deployment> apps = informers.managed(Deployment.class).inNamespace(slug.namespace());
        ReplicaSize largest = limits.largestSize();
        long cpuMilli = 0;
        long memoryMib = 0;
        int pods = 0;
        for (Deployment app : apps) {
            int replicas = app.getSpec().getReplicas() == null ? 1 : app.getSpec().getReplicas();
            int target = Math.min(replicas, limits.maxReplicas());
            long[] each = PodResources.perReplica(app, false);
            // a replica larger than the tier's largest size could not be replaced (the LimitRange refuses it)
            boolean oversize = PodResources.oversize(app, largest);
            if (oversize) {
                each = new long[] {Math.min(each[0], largest.cpuRequestMilli()),
                        Math.min(each[1], largest.memoryRequestMib())};
            }
            if ((long) pods + target > limits.quotaPods()
                    || cpuMilli + target * each[0] > limits.quotaCpuRequestsMilli()
                    || memoryMib + target * each[1] > limits.quotaMemoryRequestsMib()) {
                target = Math.min(target, limits.minReplicas());
            }
            pods += target;
            cpuMilli += target * each[0];
            memoryMib += target * each[1];
            if (target != replicas || oversize) {
                // the app's own settings go down (else its reconciler puts them back); a Deployment the
                // portal keeps no app for is scaled directly
                AppReplicas kept = appReplicas.getIfAvailable();
                boolean known = kept != null && kept.lower(slug, app.getMetadata().getName(), target, limits);
                if (!known && target != replicas) {
                    client.apps().deployments().inNamespace(slug.namespace()).withName(app.getMetadata().getName())
                            .scale(target);
                }
                changed.add(slug.value() + "/" + app.getMetadata().getName()
                        + (target != replicas ? " " + replicas + " → " + target : "")
                        + (oversize && known ? " size → " + largest : ""));
            }
        }
        return changed;
    }

    private List<TenantSlug> onTier(TierCode code) {
        long tierId = tiers.byCode(code).id();
        return tenants.findByTierId(tierId).stream().map(t -> new TenantSlug(t.slug())).toList();
    }
}

package dev.nonstop.tenant.internal;

import dev.nonstop.common.ReplicaSize;
import dev.nonstop.common.TenantSlug;
import dev.nonstop.kube.InformerRegistry;
import dev.nonstop.kube.KubeLabels;
import dev.nonstop.tenant.QuotaUsage;
import dev.nonstop.tenant.manifest.TenantQuota;
import dev.nonstop.tier.QuotaOverage;
import dev.nonstop.tier.TierLimits;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/** Reads a tenant's quota usage and its apps' pods from the informer caches, never from the API. */
@Component
public class QuotaReader {

    /** The resources shown to users, in this order; the zero-hard service types are not. */
    static final List<String> SHOWN = List.of("requests.cpu", "limits.cpu", "requests.memory", "limits.memory",
            "pods", "services", "persistentvolumeclaims", "configmaps", "secrets");
    private static final Set<String> TERMINATED = Set.of("Succeeded", "Failed");

    private final InformerRegistry informers;

    QuotaReader(InformerRegistry informers) {
        this.informers = informers;
    }

    public List<QuotaUsage> usage(TenantSlug slug) {
        ResourceQuota quota = informers.managed(ResourceQuota.class)
                .get(slug.namespace(), TenantQuota.NAME).orElse(null);
        if (quota == null || quota.getSpec() == null || quota.getSpec().getHard() == null) {
            return List.of();
        }
        Map<String, Quantity> hard = quota.getSpec().getHard();
        Map<String, Quantity> used = quota.getStatus() == null || quota.getStatus().getUsed() == null ? Map.of()
                : quota.getStatus().getUsed();
        List<QuotaUsage> usage = new ArrayList<>();
        for (String resource : SHOWN) {
            Quantity h = hard.get(resource);
            if (h == null) {
                continue;
            }
            Quantity u = used.getOrDefault(resource, new Quantity("0"));
            usage.add(new QuotaUsage(resource, u.toString(), h.toString(), u.getNumericalAmount(),
                    h.getNumericalAmount()));
        }
        return usage;
    }

    /**
     * The resources whose live use exceeds what {@code limits} would allow, and apps running more
     * replicas, or larger replicas, than {@code limits} allow, with the apps using them.
     */
    public List<QuotaOverage> overages(TenantSlug slug, TierLimits limits) {
        Map<String, Quantity> newHard = TenantQuota.hard(limits);
        List<QuotaOverage> overages = new ArrayList<>();
        List<QuotaOverage.AppUsage> apps = null;
        for (QuotaUsage current : usage(slug)) {
            Quantity limit = newHard.get(current.resource());
            if (limit != null && current.usedAmount().compareTo(limit.getNumericalAmount()) > 0) {
                apps = apps == null ? apps(slug) : apps;
                overages.add(new QuotaOverage(slug.value(), current.resource(), current.used(), limit.toString(),
                        apps));
            }
        }
        // an app may fit the new quota and still run more replicas than the new tier lets anyone choose
        for (Deployment app : informers.managed(Deployment.class).inNamespace(slug.namespace())) {
            int replicas = app.getSpec() == null || app.getSpec().getReplicas() == null ? 0
                    : app.getSpec().getReplicas();
            if (replicas > limits.maxReplicas()) {
                apps = apps == null ? apps(slug) : apps;
                overages.add(new QuotaOverage(slug.value(), "replicas", app.getMetadata().getName() + ": "
                        + replicas, String.valueOf(limits.maxReplicas()), apps));
            }
            if (replicas > 0 && PodResources.oversize(app, limits.largestSize())) {
                apps = apps == null ? apps(slug) : apps;
                long[] each = PodResources.perReplica(app, true);
                ReplicaSize largest = limits.largestSize();
                overages.add(new QuotaOverage(slug.value(), "size", app.getMetadata().getName() + ": "
                        + each[0] + "m CPU, " + each[1] + " MiB", largest + " (" + largest.cpuLimitMilli()
                        + "m CPU, " + largest.memoryLimitMib() + " MiB)", apps));
            }
        }
        return overages;
    }

    /** Running pods per app (the instance label) with their CPU and memory requests. */
    public List<QuotaOverage.AppUsage> apps(TenantSlug slug) {
        Map<String, long[]> byApp = new TreeMap<>();
        for (Pod pod : informers.managed(Pod.class).inNamespace(slug.namespace())) {
            if (pod.getStatus() != null && TERMINATED.contains(pod.getStatus().getPhase())) {
                continue;
            }
            String app = pod.getMetadata().getLabels() == null ? null
                    : pod.getMetadata().getLabels().get(KubeLabels.INSTANCE);
            long[] sum = byApp.computeIfAbsent(app == null ? pod.getMetadata().getName() : app, k -> new long[3]);
            sum[0]++;
            long[] requests = PodResources.of(pod.getSpec().getContainers(), false);
            sum[1] += requests[0];
            sum[2] += requests[1];
        }
        List<QuotaOverage.AppUsage> apps = new ArrayList<>();
        byApp.forEach((app, s) -> apps.add(new QuotaOverage.AppUsage(app, (int) s[0], s[1], s[2])));
        return apps;
    }
}

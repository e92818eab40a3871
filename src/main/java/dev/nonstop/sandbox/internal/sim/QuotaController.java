package dev.nonstop.sandbox.internal.sim;

import dev.nonstop.sandbox.internal.api.Quotas;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Keeps each ResourceQuota's {@code status.used} current, as the quota controller does. */
public final class QuotaController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SimContext sim;
    /** Per pod uid: resourceVersion and the usage computed for it. */
    private final Map<String, Map.Entry<String, Map<String, BigDecimal>>> usageCache = new HashMap<>();

    public QuotaController(SimContext sim) {
        this.sim = sim;
    }

    public void tick() {
        List<ResourceQuota> quotas = sim.quotas.getStore().list();
        if (quotas.isEmpty()) {
            return;
        }
        Map<String, List<Map<String, BigDecimal>>> byNamespace = new HashMap<>();
        Map<String, Map.Entry<String, Map<String, BigDecimal>>> seen = new HashMap<>();
        for (Pod pod : sim.pods()) {
            String uid = pod.getMetadata().getUid();
            var cached = usageCache.get(uid);
            if (cached == null || !cached.getKey().equals(pod.getMetadata().getResourceVersion())) {
                JsonNode tree = JSON.valueToTree(pod);
                cached = Map.entry(pod.getMetadata().getResourceVersion(), Quotas.usageOf(tree, "pods", ""));
            }
            seen.put(uid, cached);
            byNamespace.computeIfAbsent(pod.getMetadata().getNamespace(), k -> new ArrayList<>()).add(cached.getValue());
        }
        usageCache.clear();
        usageCache.putAll(seen);
        for (ResourceQuota quota : quotas) {
            Map<String, Quantity> hard = quota.getSpec() == null || quota.getSpec().getHard() == null ? Map.of()
                    : quota.getSpec().getHard();
            Map<String, BigDecimal> used = Quotas.used(hard.keySet(),
                    byNamespace.getOrDefault(quota.getMetadata().getNamespace(), List.of()));
            Map<String, Quantity> usedQuantities = new HashMap<>();
            Quotas.printed(used).forEach((r, v) -> usedQuantities.put(r, new Quantity(v)));
            if (quota.getStatus() != null && same(quota.getStatus().getUsed(), usedQuantities)
                    && same(quota.getStatus().getHard(), hard)) {
                continue;
            }
            try {
                ResourceQuota current = sim.client.resourceQuotas().inNamespace(quota.getMetadata().getNamespace())
                        .withName(quota.getMetadata().getName()).get();
                if (current != null) {
                    current.setStatus(new ResourceQuotaStatusBuilder().withHard(hard).withUsed(usedQuantities).build());
                    sim.client.resource(current).updateStatus();
                }
            } catch (KubernetesClientException gone) {
                // deleted meanwhile
            }
        }
    }

    private static boolean same(Map<String, Quantity> a, Map<String, Quantity> b) {
        if (a == null || a.size() != b.size()) {
            return false;
        }
        for (var e : b.entrySet()) {
            Quantity other = a.get(e.getKey());
            if (other == null || other.getNumericalAmount().compareTo(e.getValue().getNumericalAmount()) != 0) {
                return false;
            }
        }
        return true;
    }
}

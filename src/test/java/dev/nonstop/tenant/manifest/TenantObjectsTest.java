package dev.nonstop.tenant.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nonstop.common.ReplicaSize;
import dev.nonstop.common.TenantSlug;
import dev.nonstop.kube.KubeLabels;
import dev.nonstop.tenant.TenancySettings;
import dev.nonstop.tier.TierLimits;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRangeItem;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The isolation contract, object by object, as the builders make it for a FREE-like tier. */
class TenantObjectsTest {

    static final TenantSlug SLUG = new TenantSlug("acme");
    static final TierLimits FREE = new TierLimits(2, 2, 3, ReplicaSize.S, 1000, 2000, 1024, 2048, 10, 10, 1, 20,
            false, 4, 0, 20);

    @Test
    void the_namespace_is_labelled_with_the_tenant_and_the_restricted_profile() {
        Namespace ns = TenantNamespace.of(SLUG);
        assertThat(ns.getMetadata().getName()).isEqualTo("t-acme");
        assertThat(ns.getMetadata().getLabels()).containsEntry(KubeLabels.TENANT, "acme")
                .containsEntry(KubeLabels.MANAGED_BY, "nonstop")
                .containsEntry("pod-security.kubernetes.io/enforce", "restricted")
                .containsEntry("pod-security.kubernetes.io/audit", "restricted")
                .containsEntry("pod-security.kubernetes.io/warn", "restricted");
    }

    @Test
    void the_quota_holds_compute_pods_and_object_counts_from_the_tier_with_no_volumes_on_free() {
        Map<String, Quantity> hard = TenantQuota.of(SLUG, FREE).getSpec().getHard();
        assertThat(hard).containsEntry("requests.cpu", new Quantity("1000m"))
                .containsEntry("limits.cpu", new Quantity("2000m"))
                .containsEntry("requests.memory", new Quantity("1024Mi"))
                .containsEntry("limits.memory", new Quantity("2048Mi"))
                .containsEntry("pods", new Quantity("10"))
                .containsEntry("services", new Quantity("4"))
                .containsEntry("persistentvolumeclaims", new Quantity("0"))
                .containsEntry("configmaps", new Quantity("20"))
                .containsEntry("secrets", new Quantity("20"))
                .containsEntry("services.nodeports", new Quantity("0"))
                .containsEntry("services.loadbalancers", new Quantity("0"));
    }

    @Test
    void the_limit_range_defaults_to_the_smallest_size_and_caps_at_the_tiers_largest() {
        LimitRangeItem item = TenantLimitRange.of(SLUG, FREE).getSpec().getLimits().getFirst();
        assertThat(item.getType()).isEqualTo("Container");
        assertThat(item.getDefaultRequest()).containsEntry("cpu", new Quantity("100m"))
                .containsEntry("memory", new Quantity("128Mi"));
        assertThat(item.getDefault()).containsEntry("cpu", new Quantity("250m"))
                .containsEntry("memory", new Quantity("256Mi"));
        assertThat(item.getMax()).containsEntry("cpu", new Quantity("250m"));
    }

    @Test
    void network_policies_deny_by_default_then_allow_dns_ingress_and_the_internet_but_not_internal_ranges() {
        TenancySettings settings = new TenancySettings("traefik", "", List.of("10.0.0.0/8", "169.254.0.0/16",
                "fd00::/8"));
        Map<String, NetworkPolicy> byName = TenantNetworkPolicies.of(SLUG, settings).stream()
                .collect(java.util.stream.Collectors.toMap(p -> p.getMetadata().getName(), p -> p));
        assertThat(byName).containsOnlyKeys("default-deny", "allow-dns", "allow-same-tenant",
                "allow-ingress-controller", "allow-internet-egress");
        NetworkPolicy deny = byName.get("default-deny");
        assertThat(deny.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
        assertThat(deny.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(deny.getSpec().getIngress()).isNullOrEmpty();
        assertThat(deny.getSpec().getEgress()).isNullOrEmpty();

        NetworkPolicyPeer dns = byName.get("allow-dns").getSpec().getEgress().getFirst().getTo().getFirst();
        assertThat(dns.getNamespaceSelector().getMatchLabels())
                .containsEntry("kubernetes.io/metadata.name", "kube-system");
        assertThat(byName.get("allow-dns").getSpec().getEgress().getFirst().getPorts())
                .extracting(p -> p.getProtocol() + "/" + p.getPort().getIntVal())
                .containsExactlyInAnyOrder("UDP/53", "TCP/53");

        assertThat(byName.get("allow-ingress-controller").getSpec().getIngress().getFirst().getFrom().getFirst()
                .getNamespaceSelector().getMatchLabels()).containsEntry("kubernetes.io/metadata.name", "traefik");

        List<NetworkPolicyPeer> internet = byName.get("allow-internet-egress").getSpec().getEgress().getFirst()
                .getTo();
        assertThat(internet).extracting(p -> p.getIpBlock().getCidr()).containsExactly("0.0.0.0/0", "::/0");
        assertThat(internet.get(0).getIpBlock().getExcept()).containsExactly("10.0.0.0/8", "169.254.0.0/16");
        assertThat(internet.get(1).getIpBlock().getExcept()).containsExactly("fd00::/8");
        // no rule anywhere opens a path to another namespace
        assertThat(byName.values()).allSatisfy(p -> {
            p.getSpec().getIngress().forEach(rule -> rule.getFrom().forEach(peer -> assertThat(
                    peer.getNamespaceSelector() == null || peer.getNamespaceSelector().getMatchLabels() != null)
                    .isTrue()));
        });
    }

    @Test
    void the_default_blocked_ranges_hold_the_metadata_address_and_private_networks() {
        TenancySettings defaults = TenancySettings.defaults();
        assertThat(defaults.blockedCidrs()).contains("169.254.0.0/16", "10.0.0.0/8", "172.16.0.0/12",
                "192.168.0.0/16", "fc00::/7");
        assertThat(defaults.ingressNamespace()).isEqualTo("ingress-nginx");
        assertThat(TenantNetworkPolicies.of(SLUG, defaults)).extracting(p -> p.getMetadata().getName())
                .contains("allow-monitoring");
    }

    @Test
    void apps_run_as_a_service_account_without_a_token_and_every_object_is_labelled() {
        assertThat(AppServiceAccount.of(SLUG).getAutomountServiceAccountToken()).isFalse();
        List<HasMetadata> all = TenantObjects.of(SLUG, FREE, TenancySettings.defaults());
        assertThat(all.getFirst()).isInstanceOf(Namespace.class);
        assertThat(all).allSatisfy(o -> assertThat(o.getMetadata().getLabels())
                .containsEntry(KubeLabels.TENANT, "acme").containsEntry(KubeLabels.MANAGED_BY, "nonstop"));
        assertThat(all.subList(1, all.size())).allSatisfy(o -> assertThat(o.getMetadata().getNamespace())
                .isEqualTo("t-acme"));
    }
}

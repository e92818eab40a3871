package dev.nonstop.tenant.manifest;

import dev.nonstop.common.TenantSlug;
import dev.nonstop.tenant.TenancySettings;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * The tenant's network isolation: deny everything, then allow DNS, traffic inside the tenant,
 * ingress from the ingress controller (and monitoring, when configured), and egress to the internet
 * except the blocked ranges — which hold the cluster's pod and node networks, so other tenants and
 * the cloud metadata address stay out of reach.
 */
public final class TenantNetworkPolicies {

    public static final String DEFAULT_DENY = "default-deny";
    public static final String ALLOW_DNS = "allow-dns";
    public static final String ALLOW_SAME_TENANT = "allow-same-tenant";
    public static final String ALLOW_INGRESS_CONTROLLER = "allow-ingress-controller";
    public static final String ALLOW_MONITORING = "allow-monitoring";
    public static final String ALLOW_INTERNET = "allow-internet-egress";
    private static final String NAMESPACE_NAME = "kubernetes.io/metadata.name";

    private TenantNetworkPolicies() {
    }

    public static List<NetworkPolicy> of(TenantSlug slug, TenancySettings settings) {
        List<NetworkPolicy> policies = new ArrayList<>();
        policies.add(base(slug, DEFAULT_DENY).withNewSpec().withPodSelector(new LabelSelector())
                .withPolicyTypes("Ingress", "Egress").endSpec().build());
        policies.add(base(slug, ALLOW_DNS).withNewSpec().withPodSelector(new LabelSelector())
                .withPolicyTypes("Egress").addNewEgress()
                .withTo(new NetworkPolicyPeerBuilder().withNamespaceSelector(namespace("kube-system"))
                        .withPodSelector(new LabelSelectorBuilder().addToMatchLabels("k8s-app", "kube-dns").build())
                        .build())
                .withPorts(port("UDP", 53), port("TCP", 53)).endEgress().endSpec().build());
        NetworkPolicyPeer sameTenant = new NetworkPolicyPeerBuilder().withPodSelector(new LabelSelector()).build();
        policies.add(base(slug, ALLOW_SAME_TENANT).withNewSpec().withPodSelector(new LabelSelector())
                .withPolicyTypes("Ingress", "Egress")
                .addNewIngress().withFrom(sameTenant).endIngress()
                .addNewEgress().withTo(sameTenant).endEgress().endSpec().build());
        policies.add(fromNamespace(slug, ALLOW_INGRESS_CONTROLLER, settings.ingressNamespace()));
        if (!settings.monitoringNamespace().isBlank()) {
            policies.add(fromNamespace(slug, ALLOW_MONITORING, settings.monitoringNamespace()));
        }
        List<String> v4 = settings.blockedCidrs().stream().filter(c -> !c.contains(":")).toList();
        List<String> v6 = settings.blockedCidrs().stream().filter(c -> c.contains(":")).toList();
        policies.add(base(slug, ALLOW_INTERNET).withNewSpec().withPodSelector(new LabelSelector())
                .withPolicyTypes("Egress").addNewEgress()
                .addNewTo().withNewIpBlock().withCidr("0.0.0.0/0").withExcept(v4).endIpBlock().endTo()
                .addNewTo().withNewIpBlock().withCidr("::/0").withExcept(v6).endIpBlock().endTo()
                .endEgress().endSpec().build());
        return policies;
    }

    private static NetworkPolicy fromNamespace(TenantSlug slug, String name, String namespace) {
        return base(slug, name).withNewSpec().withPodSelector(new LabelSelector()).withPolicyTypes("Ingress")
                .addNewIngress().withFrom(new NetworkPolicyPeerBuilder().withNamespaceSelector(namespace(namespace))
                        .build()).endIngress().endSpec().build();
    }

    private static NetworkPolicyBuilder base(TenantSlug slug, String name) {
        return new NetworkPolicyBuilder().withNewMetadata().withName(name).withNamespace(slug.namespace())
                .withLabels(TenantNamespace.labels(slug)).endMetadata();
    }

    private static LabelSelector namespace(String name) {
        return new LabelSelectorBuilder().addToMatchLabels(NAMESPACE_NAME, name).build();
    }

    private static NetworkPolicyPort port(String protocol, int port) {
        return new NetworkPolicyPortBuilder().withProtocol(protocol).withPort(new IntOrString(port)).build();
    }
}

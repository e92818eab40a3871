package dev.nonstop.tenant;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where a tenant's network allowances point, from {@code nonstop.tenancy.*}: the ingress controller's
 * namespace, the monitoring namespace allowed to scrape (blank: none), and the address ranges a
 * tenant's pods may never reach (cluster and node networks, the cloud metadata address).
 */
@ConfigurationProperties("nonstop.tenancy")
public record TenancySettings(String ingressNamespace, String monitoringNamespace, List<String> blockedCidrs) {

    public static final List<String> DEFAULT_BLOCKED = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
            "100.64.0.0/10", "169.254.0.0/16", "127.0.0.0/8", "fc00::/7", "fe80::/10");

    public TenancySettings {
        ingressNamespace = ingressNamespace == null || ingressNamespace.isBlank() ? "ingress-nginx" : ingressNamespace;
        monitoringNamespace = monitoringNamespace == null ? "monitoring" : monitoringNamespace;
        blockedCidrs = blockedCidrs == null || blockedCidrs.isEmpty() ? DEFAULT_BLOCKED : List.copyOf(blockedCidrs);
    }

    public static TenancySettings defaults() {
        return new TenancySettings(null, null, null);
    }
}

package dev.nonstop.app;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code nonstop.apps.*}: where apps are reached — base domain, ingress class, cert-manager issuer for TLS. */
@ConfigurationProperties("nonstop.apps")
public record AppSettings(String baseDomain, String ingressClass, String tlsIssuer) {

    public AppSettings(@Nullable String baseDomain, @Nullable String ingressClass, @Nullable String tlsIssuer) {
        this.baseDomain = baseDomain == null || baseDomain.isBlank() ? "apps.nonstop.local" : baseDomain;
        this.ingressClass = ingressClass == null || ingressClass.isBlank() ? "nginx" : ingressClass;
        this.tlsIssuer = tlsIssuer == null || tlsIssuer.isBlank() ? "letsencrypt" : tlsIssuer;
    }
}

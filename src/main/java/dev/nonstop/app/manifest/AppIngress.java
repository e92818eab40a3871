package dev.nonstop.app.manifest;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;

/** The app's Ingress: its host under the base domain, TLS from the configured cert-manager issuer. */
public final class AppIngress {

    public static final String ISSUER_ANNOTATION = "cert-manager.io/cluster-issuer";

    private AppIngress() {
    }

    public static String host(AppSpec app) {
        return AppHost.of(app.name().value(), app.tenant().value(), app.exposure().baseDomain());
    }

    public static Ingress of(AppSpec app) {
        String host = host(app);
        return new IngressBuilder().withNewMetadata().withName(app.name().value()).withNamespace(app.namespace())
                .withLabels(AppLabels.of(app)).addToAnnotations(ISSUER_ANNOTATION, app.exposure().tlsIssuer())
                .endMetadata()
                .withNewSpec().withIngressClassName(app.exposure().ingressClass())
                .addNewTl().addToHosts(host).withSecretName(app.name().value() + "-tls").endTl()
                .addNewRule().withHost(host).withNewHttp().addNewPath().withPath("/").withPathType("Prefix")
                .withNewBackend().withNewService().withName(app.name().value()).withNewPort().withName("http")
                .endPort().endService().endBackend().endPath().endHttp().endRule()
                .endSpec().build();
    }
}

package dev.nonstop.app.manifest;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;

/** The app's Service: a stable ClusterIP address on port 80 in front of its ready pods. */
public final class AppService {

    private AppService() {
    }

    public static Service of(AppSpec app) {
        return new ServiceBuilder().withNewMetadata().withName(app.name().value()).withNamespace(app.namespace())
                .withLabels(AppLabels.of(app)).endMetadata()
                .withNewSpec().withType("ClusterIP").withSelector(AppLabels.selector(app))
                .addNewPort().withName("http").withPort(80).withTargetPort(new IntOrString("http")).withProtocol("TCP")
                .endPort().endSpec().build();
    }
}

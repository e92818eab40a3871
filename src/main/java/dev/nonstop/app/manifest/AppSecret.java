package dev.nonstop.app.manifest;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.Map;
import java.util.TreeMap;

/** The app's secret environment variables, delivered as a Secret in the tenant namespace. */
public final class AppSecret {

    private AppSecret() {
    }

    public static String name(AppSpec app) {
        return app.name().value() + "-env";
    }

    public static Secret of(AppSpec app, Map<String, String> values) {
        return new SecretBuilder().withNewMetadata().withName(name(app)).withNamespace(app.namespace())
                .withLabels(AppLabels.of(app)).endMetadata().withType("Opaque")
                .withStringData(new TreeMap<>(values)).build();
    }
}

package dev.nonstop.app.manifest;

import dev.nonstop.kube.KubeLabels;
import java.util.Map;

/** The labels of an app's objects, and the selector its pods are found by. */
public final class AppLabels {

    public static final String COMPONENT = "app";

    private AppLabels() {
    }

    public static Map<String, String> of(AppSpec app) {
        return KubeLabels.standard(app.tenant().value(), app.name().value(), app.name().value());
    }

    public static Map<String, String> selector(AppSpec app) {
        return Map.of(KubeLabels.INSTANCE, app.name().value());
    }
}

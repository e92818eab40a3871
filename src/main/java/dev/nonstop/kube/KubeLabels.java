package dev.nonstop.kube;

import java.util.LinkedHashMap;
import java.util.Map;

/** The labels on every object Nonstop manages. Informers select on {@link #MANAGED_BY}. */
public final class KubeLabels {

    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGER = "nonstop";
    public static final String NAME = "app.kubernetes.io/name";
    public static final String INSTANCE = "app.kubernetes.io/instance";
    public static final String TENANT = "nonstop.dev/tenant";
    /** The field manager of every server-side apply the portal makes. */
    public static final String FIELD_MANAGER = "nonstop";

    private KubeLabels() {
    }

    /** managed-by, name, instance and tenant labels. */
    public static Map<String, String> standard(String tenantSlug, String name, String instance) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(MANAGED_BY, MANAGER);
        labels.put(NAME, name);
        labels.put(INSTANCE, instance);
        labels.put(TENANT, tenantSlug);
        return labels;
    }
}

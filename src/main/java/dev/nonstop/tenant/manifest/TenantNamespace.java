package dev.nonstop.tenant.manifest;

import dev.nonstop.common.TenantSlug;
import dev.nonstop.kube.KubeLabels;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.util.Map;

/** The tenant's namespace, labelled with its tenant and the restricted Pod Security profile. */
public final class TenantNamespace {

    public static final String PSA = "pod-security.kubernetes.io/";
    public static final String COMPONENT = "tenant";

    private TenantNamespace() {
    }

    public static Namespace of(TenantSlug slug) {
        Map<String, String> labels = KubeLabels.standard(slug.value(), COMPONENT, slug.value());
        for (String mode : new String[] {"enforce", "audit", "warn"}) {
            labels.put(PSA + mode, "restricted");
            labels.put(PSA + mode + "-version", "latest");
        }
        return new NamespaceBuilder().withNewMetadata().withName(slug.namespace()).withLabels(labels).endMetadata()
                .build();
    }

    /** Labels of every object in the tenant's namespace that the tenant reconciler owns. */
    static Map<String, String> labels(TenantSlug slug) {
        return KubeLabels.standard(slug.value(), COMPONENT, slug.value());
    }
}

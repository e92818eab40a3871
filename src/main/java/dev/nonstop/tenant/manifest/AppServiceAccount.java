package dev.nonstop.tenant.manifest;

import dev.nonstop.common.TenantSlug;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;

/** The identity apps run as: no API token is mounted, so an app cannot talk to the cluster. */
public final class AppServiceAccount {

    public static final String NAME = "nonstop-app";

    private AppServiceAccount() {
    }

    public static ServiceAccount of(TenantSlug slug) {
        return new ServiceAccountBuilder().withNewMetadata().withName(NAME).withNamespace(slug.namespace())
                .withLabels(TenantNamespace.labels(slug)).endMetadata()
                .withAutomountServiceAccountToken(false).build();
    }
}

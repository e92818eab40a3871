package dev.nonstop.app.manifest;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;

/** At most one of the app's pods may be evicted at a time (node drains, upgrades): the others keep serving. */
public final class AppDisruptionBudget {

    private AppDisruptionBudget() {
    }

    public static PodDisruptionBudget of(AppSpec app) {
        return new PodDisruptionBudgetBuilder().withNewMetadata().withName(app.name().value())
                .withNamespace(app.namespace()).withLabels(AppLabels.of(app)).endMetadata()
                .withNewSpec().withMaxUnavailable(new IntOrString(1)).withNewSelector()
                .withMatchLabels(AppLabels.selector(app)).endSelector().endSpec().build();
    }
}

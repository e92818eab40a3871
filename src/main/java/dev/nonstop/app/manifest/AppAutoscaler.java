package dev.nonstop.app.manifest;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import java.util.Optional;

/** The app's HPA (autoscaling/v2), when autoscaling is on: CPU-driven, never below two replicas. */
public final class AppAutoscaler {

    public static final int SCALE_DOWN_WINDOW_SECONDS = 300;

    private AppAutoscaler() {
    }

    public static Optional<HorizontalPodAutoscaler> of(AppSpec app) {
        AppSpec.Autoscaling a = app.autoscaling();
        if (a == null) {
            return Optional.empty();
        }
        return Optional.of(new HorizontalPodAutoscalerBuilder().withNewMetadata().withName(app.name().value())
                .withNamespace(app.namespace()).withLabels(AppLabels.of(app)).endMetadata()
                .withNewSpec().withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment")
                .withName(app.name().value()).endScaleTargetRef()
                .withMinReplicas(a.min()).withMaxReplicas(a.max())
                .addNewMetric().withType("Resource").withNewResource().withName("cpu").withNewTarget()
                .withType("Utilization").withAverageUtilization(a.cpuPercent()).endTarget().endResource().endMetric()
                .withNewBehavior().withNewScaleDown().withStabilizationWindowSeconds(SCALE_DOWN_WINDOW_SECONDS)
                .endScaleDown().endBehavior()
                .endSpec().build());
    }
}

package dev.nonstop.app.manifest;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The app's Deployment, meeting the redundancy contract: at least two replicas (left to the HPA when
 * autoscaling), rolling updates that never drop below the desired count (maxUnavailable 0, maxSurge 1),
 * minReadySeconds, a revision history and a progress deadline; startup, readiness and liveness probes;
 * a preStop sleep inside the grace period so endpoints drain first; spread over nodes (hard) and zones
 * (hard where the tier promises zones); 30-second not-ready/unreachable tolerations; the restricted
 * security context and no service-account token; resources from the replica size.
 */
public final class AppDeployment {

    public static final int MIN_READY_SECONDS = 10;
    public static final int REVISION_HISTORY = 5;
    public static final int PROGRESS_DEADLINE_SECONDS = 300;
    public static final long TOLERATION_SECONDS = 30;
    public static final long PRE_STOP_SECONDS = 10;
    public static final long GRACE_SECONDS = 45;
    public static final String RELEASE_ANNOTATION = "nonstop.dev/release";
    public static final String CONTAINER = "app";
    static final String SERVICE_ACCOUNT = "nonstop-app";
    /** The label Kubernetes gives each rollout's pods (one value per ReplicaSet). */
    static final String TEMPLATE_HASH = "pod-template-hash";

    private AppDeployment() {
    }

    public static Deployment of(AppSpec app) {
        Map<String, String> labels = AppLabels.of(app);
        DeploymentBuilder builder = new DeploymentBuilder().withNewMetadata().withName(app.name().value())
                .withNamespace(app.namespace()).withLabels(labels).endMetadata();
        var spec = builder.withNewSpec();
        if (app.autoscaling() == null) {
            spec.withReplicas(app.replicas());
        }
        return spec.withMinReadySeconds(MIN_READY_SECONDS).withRevisionHistoryLimit(REVISION_HISTORY)
                .withProgressDeadlineSeconds(PROGRESS_DEADLINE_SECONDS)
                .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
                .withMaxUnavailable(new IntOrString(0)).withMaxSurge(new IntOrString(1)).endRollingUpdate()
                .endStrategy()
                .withNewSelector().withMatchLabels(AppLabels.selector(app)).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels)
                .addToAnnotations(RELEASE_ANNOTATION, app.release()).endMetadata()
                .withNewSpec()
                .withServiceAccountName(SERVICE_ACCOUNT).withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withTerminationGracePeriodSeconds(GRACE_SECONDS)
                .withNewSecurityContext().withRunAsNonRoot(true).withNewSeccompProfile().withType("RuntimeDefault")
                .endSeccompProfile().endSecurityContext()
                .withContainers(container(app))
                .withTopologySpreadConstraints(spread(app))
                .withTolerations(tolerations())
                .endSpec().endTemplate().endSpec().build();
    }

    private static Container container(AppSpec app) {
        List<EnvVar> env = new ArrayList<>();
        env.add(new EnvVar("PORT", String.valueOf(app.port()), null));
        app.env().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> env.add(new EnvVar(e.getKey(), e.getValue(), null)));
        ContainerBuilder container = new ContainerBuilder().withName(CONTAINER).withImage(app.image())
                .withImagePullPolicy("IfNotPresent")
                .addNewPort().withName("http").withContainerPort(app.port()).withProtocol("TCP").endPort()
                .withEnv(env)
                .withNewResources()
                .addToRequests("cpu", new Quantity(app.size().cpuRequestMilli() + "m"))
                .addToRequests("memory", new Quantity(app.size().memoryRequestMib() + "Mi"))
                .addToLimits("cpu", new Quantity(app.size().cpuLimitMilli() + "m"))
                .addToLimits("memory", new Quantity(app.size().memoryLimitMib() + "Mi"))
                .endResources()
                .withStartupProbe(probe(app, 5, 60))
                .withReadinessProbe(probe(app, 5, 3))
                .withLivenessProbe(probe(app, 10, 3))
                .withNewLifecycle().withNewPreStop().withNewSleep(PRE_STOP_SECONDS).endPreStop().endLifecycle()
                .withNewSecurityContext().withAllowPrivilegeEscalation(false).withRunAsNonRoot(true)
                .withNewCapabilities().addToDrop("ALL").endCapabilities().endSecurityContext();
        if (app.hasSecrets()) {
            container.addNewEnvFrom().withNewSecretRef().withName(AppSecret.name(app)).endSecretRef().endEnvFrom();
        }
        return container.build();
    }

    /** HTTP GET on the health path, or a TCP check of the port when the app has no path. */
    private static Probe probe(AppSpec app, int period, int failures) {
        ProbeBuilder probe = new ProbeBuilder().withPeriodSeconds(period).withFailureThreshold(failures)
                .withTimeoutSeconds(2);
        if (app.healthPath() == null) {
            probe.withNewTcpSocket().withPort(new IntOrString("http")).endTcpSocket();
        } else {
            probe.withNewHttpGet().withPath(app.healthPath()).withPort(new IntOrString("http")).endHttpGet();
        }
        return probe.build();
    }

    /**
     * Spread over nodes (hard) and zones (hard where the tier promises zones). {@code nodeTaintsPolicy:
     * Honor} leaves nodes the pod cannot go to (tainted unreachable or not-ready: a lost server or zone)
     * out of the skew, so replacements fill the surviving zone instead of waiting for the lost one; with
     * the default (Ignore) a lost zone still counts as a domain and a hard zone spread leaves the
     * replacement Pending for as long as the outage lasts. {@code matchLabelKeys: pod-template-hash}
     * spreads each rollout's new replicas among themselves, so a rolling restart after an outage puts
     * them back in both zones whatever the old replicas' places were.
     */
    private static List<TopologySpreadConstraint> spread(AppSpec app) {
        var selector = new LabelSelectorBuilder().withMatchLabels(AppLabels.selector(app)).build();
        return List.of(
                new TopologySpreadConstraintBuilder().withMaxSkew(1).withTopologyKey("kubernetes.io/hostname")
                        .withWhenUnsatisfiable("DoNotSchedule").withNodeTaintsPolicy("Honor")
                        .withMatchLabelKeys(TEMPLATE_HASH).withLabelSelector(selector).build(),
                new TopologySpreadConstraintBuilder().withMaxSkew(1).withTopologyKey("topology.kubernetes.io/zone")
                        .withWhenUnsatisfiable(app.zonesPromised() ? "DoNotSchedule" : "ScheduleAnyway")
                        .withNodeTaintsPolicy("Honor").withMatchLabelKeys(TEMPLATE_HASH).withLabelSelector(selector)
                        .build());
    }

    private static List<Toleration> tolerations() {
        return List.of("node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable").stream()
                .map(key -> new TolerationBuilder().withKey(key).withOperator("Exists").withEffect("NoExecute")
                        .withTolerationSeconds(TOLERATION_SECONDS).build())
                .toList();
    }
}

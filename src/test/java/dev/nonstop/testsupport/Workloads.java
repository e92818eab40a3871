package dev.nonstop.testsupport;

import dev.nonstop.kube.KubeLabels;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;

/** Workloads for tests that need apps running in a tenant namespace before the app feature exists. */
public final class Workloads {

    private Workloads() {
    }

    /** A Deployment that meets the restricted profile, as issue 6's builders will make them. */
    public static Deployment restrictedApp(String ns, String name, int replicas) {
        return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(ns)
                .withLabels(KubeLabels.standard(ns.substring(2), name, name)).endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels(KubeLabels.INSTANCE, name)
                .endSelector().withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
                .withMaxSurge(new IntOrString(1)).withMaxUnavailable(new IntOrString(0)).endRollingUpdate()
                .endStrategy().withNewTemplate().withNewMetadata()
                .withLabels(KubeLabels.standard(ns.substring(2), name, name)).endMetadata()
                .withSpec(new PodSpecBuilder().withNewSecurityContext().withRunAsNonRoot(true)
                        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().endSecurityContext()
                        .addNewContainer().withName("app").withImage("example/" + name + ":1").withNewResources()
                        .addToRequests("cpu", new Quantity("100m")).addToRequests("memory", new Quantity("128Mi"))
                        .addToLimits("cpu", new Quantity("250m")).addToLimits("memory", new Quantity("256Mi"))
                        .endResources().withNewSecurityContext().withAllowPrivilegeEscalation(false)
                        .withNewCapabilities().addToDrop("ALL").endCapabilities().endSecurityContext().endContainer()
                        .build())
                .endTemplate().endSpec().build();
    }
}

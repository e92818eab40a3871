package dev.nonstop.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import org.junit.jupiter.api.Test;

/** The restricted Pod Security profile as the portal checks it, rule by rule. */
class PodSecurityTest {

    /** A pod spec that meets the restricted profile. */
    static PodSpecBuilder compliant() {
        return new PodSpecBuilder().withNewSecurityContext().withRunAsNonRoot(true).withNewSeccompProfile()
                .withType("RuntimeDefault").endSeccompProfile().endSecurityContext()
                .addNewContainer().withName("app").withImage("registry.example/app@sha256:abc")
                .withNewSecurityContext().withAllowPrivilegeEscalation(false).withNewCapabilities()
                .addToDrop("ALL").endCapabilities().endSecurityContext().endContainer();
    }

    @Test
    void a_compliant_spec_passes() {
        assertThat(PodSecurity.restrictedViolations(compliant().build())).isEmpty();
    }

    @Test
    void privileged_root_host_access_and_missing_hardening_are_each_named() {
        PodSpec bad = new PodSpecBuilder().withHostNetwork(true).withHostPID(true)
                .addNewVolume().withName("docker").withNewHostPath().withPath("/var/run/docker.sock").endHostPath()
                .endVolume()
                .addNewContainer().withName("web").withImage("nginx").withNewSecurityContext().withPrivileged(true)
                .withRunAsUser(0L).withNewCapabilities().addToAdd("SYS_ADMIN").endCapabilities()
                .endSecurityContext().addNewPort().withContainerPort(80).withHostPort(80).endPort().endContainer()
                .build();
        assertThat(PodSecurity.restrictedViolations(bad)).anyMatch(v -> v.contains("hostNetwork"))
                .anyMatch(v -> v.contains("hostPID"))
                .anyMatch(v -> v.contains("volume \"docker\" uses hostPath"))
                .anyMatch(v -> v.contains("must not be privileged"))
                .anyMatch(v -> v.contains("allowPrivilegeEscalation"))
                .anyMatch(v -> v.contains("runAsNonRoot"))
                .anyMatch(v -> v.contains("user 0"))
                .anyMatch(v -> v.contains("seccompProfile"))
                .anyMatch(v -> v.contains("drop ALL"))
                .anyMatch(v -> v.contains("SYS_ADMIN"))
                .anyMatch(v -> v.contains("hostPort 80"));
    }

    @Test
    void net_bind_service_may_be_added_and_container_level_settings_count() {
        PodSpec spec = compliant().editFirstContainer().editSecurityContext().editCapabilities()
                .addToAdd("NET_BIND_SERVICE").endCapabilities().endSecurityContext().endContainer().build();
        assertThat(PodSecurity.restrictedViolations(spec)).isEmpty();
        PodSpec unconfined = compliant().editFirstContainer().editSecurityContext().withNewSeccompProfile()
                .withType("Unconfined").endSeccompProfile().endSecurityContext().endContainer().build();
        assertThat(PodSecurity.restrictedViolations(unconfined)).singleElement().asString().contains("seccompProfile");
    }

    @Test
    void init_containers_are_checked_too_and_workloads_expose_their_pod_spec() {
        PodSpec spec = compliant().addNewInitContainer().withName("migrate").withImage("x").endInitContainer().build();
        assertThat(PodSecurity.restrictedViolations(spec)).anyMatch(v -> v.startsWith("container \"migrate\""));
        Deployment deployment = new DeploymentBuilder().withNewMetadata().withName("web").endMetadata()
                .withNewSpec().withNewTemplate().withSpec(spec).endTemplate().endSpec().build();
        assertThat(PodSecurity.podSpecOf(deployment)).contains(spec);
    }
}

package dev.nonstop.kube;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The Pod Security Standard "restricted" profile (Kubernetes v1.33), checked by the portal before a
 * workload reaches the cluster. Tenant namespaces enforce the same profile through their
 * {@code pod-security.kubernetes.io/enforce} label on a real cluster; the sandbox has no admission
 * plugins, so this check is what refuses there, and on a real cluster it refuses earlier, with the
 * reason in plain words.
 */
public final class PodSecurity {

    /** Volume types the restricted profile allows. */
    private static final Set<String> ALLOWED_VOLUMES = Set.of("configMap", "csi", "downwardAPI", "emptyDir",
            "ephemeral", "persistentVolumeClaim", "projected", "secret");

    private PodSecurity() {
    }

    /** The pod spec inside a workload object, if it has one. */
    public static Optional<PodSpec> podSpecOf(HasMetadata object) {
        PodSpec spec = switch (object) {
            case Pod pod -> pod.getSpec();
            case Deployment d -> d.getSpec() == null || d.getSpec().getTemplate() == null ? null
                    : d.getSpec().getTemplate().getSpec();
            case ReplicaSet rs -> rs.getSpec() == null || rs.getSpec().getTemplate() == null ? null
                    : rs.getSpec().getTemplate().getSpec();
            case StatefulSet s -> s.getSpec() == null || s.getSpec().getTemplate() == null ? null
                    : s.getSpec().getTemplate().getSpec();
            case DaemonSet s -> s.getSpec() == null || s.getSpec().getTemplate() == null ? null
                    : s.getSpec().getTemplate().getSpec();
            case Job j -> j.getSpec() == null || j.getSpec().getTemplate() == null ? null
                    : j.getSpec().getTemplate().getSpec();
            case CronJob c -> c.getSpec() == null || c.getSpec().getJobTemplate() == null
                    || c.getSpec().getJobTemplate().getSpec() == null
                    || c.getSpec().getJobTemplate().getSpec().getTemplate() == null ? null
                    : c.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
            default -> null;
        };
        return Optional.ofNullable(spec);
    }

    /** Every way the pod spec breaks the restricted profile, one plain sentence each; empty when it complies. */
    public static List<String> restrictedViolations(PodSpec spec) {
        List<String> violations = new ArrayList<>();
        PodSecurityContext pod = spec.getSecurityContext();
        if (Boolean.TRUE.equals(spec.getHostNetwork())) {
            violations.add("hostNetwork must not be true");
        }
        if (Boolean.TRUE.equals(spec.getHostPID())) {
            violations.add("hostPID must not be true");
        }
        if (Boolean.TRUE.equals(spec.getHostIPC())) {
            violations.add("hostIPC must not be true");
        }
        if (spec.getVolumes() != null) {
            for (Volume volume : spec.getVolumes()) {
                String type = volumeType(volume);
                if (!ALLOWED_VOLUMES.contains(type)) {
                    violations.add("volume \"" + volume.getName() + "\" uses " + type
                            + ", which is not allowed (allowed: " + String.join(", ", ALLOWED_VOLUMES.stream()
                            .sorted().toList()) + ")");
                }
            }
        }
        boolean podNonRoot = pod != null && Boolean.TRUE.equals(pod.getRunAsNonRoot());
        boolean podSeccomp = pod != null && seccompOk(pod.getSeccompProfile());
        if (pod != null && Long.valueOf(0).equals(pod.getRunAsUser())) {
            violations.add("the pod must not run as user 0 (root)");
        }
        if (pod != null && pod.getSeccompProfile() != null && !seccompOk(pod.getSeccompProfile())) {
            violations.add("the pod's seccompProfile must be RuntimeDefault or Localhost");
        }
        List<Container> containers = Stream.concat(
                spec.getInitContainers() == null ? Stream.<Container>empty() : spec.getInitContainers().stream(),
                spec.getContainers() == null ? Stream.<Container>empty() : spec.getContainers().stream()).toList();
        for (Container container : containers) {
            check(container, podNonRoot, podSeccomp, violations);
        }
        if (spec.getEphemeralContainers() != null && !spec.getEphemeralContainers().isEmpty()) {
            violations.add("ephemeral containers are not allowed through the portal");
        }
        return violations;
    }

    private static void check(Container container, boolean podNonRoot, boolean podSeccomp, List<String> violations) {
        String name = "container \"" + container.getName() + "\"";
        SecurityContext sc = container.getSecurityContext();
        if (sc != null && Boolean.TRUE.equals(sc.getPrivileged())) {
            violations.add(name + " must not be privileged");
        }
        if (sc == null || !Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
            violations.add(name + " must set allowPrivilegeEscalation: false");
        }
        boolean nonRoot = sc != null && sc.getRunAsNonRoot() != null ? sc.getRunAsNonRoot() : podNonRoot;
        if (!nonRoot) {
            violations.add(name + " must run as non-root (runAsNonRoot: true)");
        }
        if (sc != null && Long.valueOf(0).equals(sc.getRunAsUser())) {
            violations.add(name + " must not run as user 0 (root)");
        }
        boolean seccomp = sc != null && sc.getSeccompProfile() != null ? seccompOk(sc.getSeccompProfile()) : podSeccomp;
        if (!seccomp) {
            violations.add(name + " needs seccompProfile RuntimeDefault or Localhost");
        }
        Capabilities caps = sc == null ? null : sc.getCapabilities();
        if (caps == null || caps.getDrop() == null || !caps.getDrop().contains("ALL")) {
            violations.add(name + " must drop ALL capabilities");
        }
        if (caps != null && caps.getAdd() != null) {
            caps.getAdd().stream().filter(c -> !"NET_BIND_SERVICE".equals(c)).forEach(c ->
                    violations.add(name + " must not add capability " + c + " (only NET_BIND_SERVICE)"));
        }
        if (container.getPorts() != null) {
            for (ContainerPort port : container.getPorts()) {
                if (port.getHostPort() != null && port.getHostPort() != 0) {
                    violations.add(name + " must not use hostPort " + port.getHostPort());
                }
            }
        }
    }

    private static boolean seccompOk(SeccompProfile profile) {
        return profile != null && ("RuntimeDefault".equals(profile.getType()) || "Localhost".equals(profile.getType()));
    }

    private static String volumeType(Volume v) {
        if (v.getConfigMap() != null) {
            return "configMap";
        }
        if (v.getCsi() != null) {
            return "csi";
        }
        if (v.getDownwardAPI() != null) {
            return "downwardAPI";
        }
        if (v.getEmptyDir() != null) {
            return "emptyDir";
        }
        if (v.getEphemeral() != null) {
            return "ephemeral";
        }
        if (v.getPersistentVolumeClaim() != null) {
            return "persistentVolumeClaim";
        }
        if (v.getProjected() != null) {
            return "projected";
        }
        if (v.getSecret() != null) {
            return "secret";
        }
        if (v.getHostPath() != null) {
            return "hostPath";
        }
        return "another volume type";
    }
}

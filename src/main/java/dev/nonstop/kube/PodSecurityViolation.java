package dev.nonstop.kube;

import dev.nonstop.common.UserError;
import java.util.List;

/** A workload refused before it reached the cluster because its pods would break the restricted profile. */
public class PodSecurityViolation extends UserError {

    private final List<String> violations;

    public PodSecurityViolation(String object, List<String> violations) {
        super("kube.pod-security.refused", object, String.join("; ", violations));
        this.violations = List.copyOf(violations);
    }

    public List<String> violations() {
        return violations;
    }
}

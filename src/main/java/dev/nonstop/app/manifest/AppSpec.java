package dev.nonstop.app.manifest;

import dev.nonstop.common.AppName;
import dev.nonstop.common.ReplicaSize;
import dev.nonstop.common.TenantSlug;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Everything the builders need to know about one app: whose it is, which image (by digest, so a
 * release is exactly one image), where it listens and how it says it is healthy, how many replicas of
 * what size, whether the tier promises zones, autoscaling bounds, plain environment variables, and
 * where it is reached.
 *
 * @param healthPath HTTP path for the probes; null probes the port over TCP instead
 * @param autoscaling null for a fixed number of replicas
 */
public record AppSpec(TenantSlug tenant, AppName name, String image, int port, @Nullable String healthPath,
                      int replicas, ReplicaSize size, boolean zonesPromised, @Nullable Autoscaling autoscaling,
                      Map<String, String> env, boolean hasSecrets, String release, Exposure exposure) {

    /** The fewest replicas that are redundancy at all. */
    public static final int MIN_REPLICAS = 2;
    private static final Pattern BY_DIGEST = Pattern.compile("[a-z0-9][a-z0-9._:/-]*@sha256:[0-9a-f]{64}");

    /** HPA bounds and the CPU utilisation it aims at. */
    public record Autoscaling(int min, int max, int cpuPercent) {
        public Autoscaling {
            if (min < MIN_REPLICAS || max < min || cpuPercent < 10 || cpuPercent > 95) {
                throw new IllegalArgumentException("autoscaling needs " + MIN_REPLICAS + " <= min <= max and a CPU "
                        + "target of 10..95 %");
            }
        }
    }

    /** Where the app is reached: the base domain, the ingress class, and the cert-manager issuer for TLS. */
    public record Exposure(String baseDomain, String ingressClass, String tlsIssuer) {
    }

    public AppSpec {
        if (!BY_DIGEST.matcher(image).matches()) {
            throw new IllegalArgumentException("an app runs an image by digest (…@sha256:<64 hex>), not " + image);
        }
        if (replicas < MIN_REPLICAS) {
            throw new IllegalArgumentException("fewer than " + MIN_REPLICAS + " replicas is not redundancy");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        env = Map.copyOf(env);
    }

    /** The namespace the app lives in. */
    public String namespace() {
        return tenant.namespace();
    }
}

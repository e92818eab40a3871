package dev.nonstop.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Service;

/**
 * Whether the cluster answers, asked at most every few seconds (a version call, not a poll of state:
 * state comes from the informers).
 */
@Service
public class ClusterService {

    private static final Duration FRESH = Duration.ofSeconds(5);

    private final KubernetesClient client;
    private final ClusterEndpoint endpoint;
    private final Clock clock;
    private volatile ClusterStatus last;
    private volatile Instant checkedAt = Instant.EPOCH;

    ClusterService(KubernetesClient client, ClusterEndpoint endpoint, Clock clock) {
        this.client = client;
        this.endpoint = endpoint;
        this.clock = clock;
        this.last = new ClusterStatus(endpoint.sandbox(), false, endpoint.description(), "");
    }

    public ClusterStatus status() {
        Instant now = clock.instant();
        if (Duration.between(checkedAt, now).compareTo(FRESH) < 0) {
            return last;
        }
        ClusterStatus status;
        try {
            status = new ClusterStatus(endpoint.sandbox(), true, endpoint.description(),
                    client.getKubernetesVersion().getGitVersion());
        } catch (RuntimeException unreachable) {
            status = new ClusterStatus(endpoint.sandbox(), false, endpoint.description(), "");
        }
        last = status;
        checkedAt = now;
        return status;
    }
}

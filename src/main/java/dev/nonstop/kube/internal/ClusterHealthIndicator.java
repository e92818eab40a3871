package dev.nonstop.kube.internal;

import dev.nonstop.kube.ClusterService;
import dev.nonstop.kube.ClusterStatus;
import dev.nonstop.kube.InformerRegistry;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** {@code /actuator/health} includes the cluster: reachable or not, sandbox or real, watches held. */
@Component("cluster")
class ClusterHealthIndicator implements HealthIndicator {

    private final ClusterService cluster;
    private final InformerRegistry informers;

    ClusterHealthIndicator(ClusterService cluster, InformerRegistry informers) {
        this.cluster = cluster;
        this.informers = informers;
    }

    @Override
    public Health health() {
        ClusterStatus status = cluster.status();
        Health.Builder health = status.reachable() ? Health.up() : Health.down();
        return health.withDetail("mode", status.sandbox() ? "sandbox" : "real")
                .withDetail("api", status.description())
                .withDetail("version", status.version())
                .withDetail("watches", informers.watchCount())
                .build();
    }
}

package dev.nonstop.metrics.internal;

import dev.nonstop.kube.InformerRegistry;
import dev.nonstop.metrics.MetricsSettings;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Prometheus when {@code nonstop.metrics.prometheus-url} is set, otherwise the built-in hour. */
@Configuration
@EnableConfigurationProperties(MetricsSettings.class)
class MetricsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MetricsConfiguration.class);

    @Bean
    MetricsSource metricsSource(MetricsSettings settings, KubernetesClient client, InformerRegistry informers,
                                Clock clock) {
        MetricsSource source;
        if (settings.usesPrometheus()) {
            source = new PrometheusMetrics(settings.prometheusUrl(), settings.prometheusToken(), settings.cache(),
                    settings.timeout());
        } else {
            BuiltInMetrics builtIn = new BuiltInMetrics(client, informers.managed(Deployment.class),
                    informers.managed(io.fabric8.kubernetes.api.model.Pod.class),
                    informers.managed(io.fabric8.kubernetes.api.model.ResourceQuota.class), clock,
                    settings.interval());
            builtIn.start(settings.interval());
            source = builtIn;
        }
        log.info("Metrics from {}", source.describe());
        return source;
    }

    @Bean
    HookAddress hookAddress(MetricsSettings settings) {
        return new HookAddress(dev.nonstop.source.HostResolver.DNS, java.util.Set.copyOf(settings.hookTestHosts()));
    }

    @Bean
    AlertNotifier alertNotifier(AlertHooks hooks, AlertMutes mutes, HookAddress address, MetricsSettings settings,
                                Clock clock) {
        return new AlertNotifier(hooks, mutes, address, settings.timeout(), clock);
    }

    @Bean
    StateAlerts stateAlerts(InformerRegistry informers, dev.nonstop.tenant.TenantDirectory tenants, AlertBook book) {
        return new StateAlerts(informers.managed(Deployment.class),
                informers.managed(io.fabric8.kubernetes.api.model.Pod.class),
                informers.managed(io.fabric8.kubernetes.api.model.ResourceQuota.class), tenants, book);
    }

    /** Evaluates the state alerts every {@code nonstop.metrics.alert-interval} (15 s) in the background. */
    @Bean(destroyMethod = "shutdownNow")
    java.util.concurrent.ScheduledExecutorService alertEvaluation(StateAlerts alerts, MetricsSettings settings,
                                                                  Clock clock) {
        var every = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("state-alerts")
                .factory());
        long millis = settings.alertInterval().toMillis();
        every.scheduleWithFixedDelay(() -> {
            try {
                alerts.evaluate(clock.instant());
            } catch (RuntimeException e) {
                log.warn("state alerts not evaluated: {}", e.toString());
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
        return every;
    }
}

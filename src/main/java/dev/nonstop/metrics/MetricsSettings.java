package dev.nonstop.metrics;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code nonstop.metrics.*}: the Prometheus to ask ({@code prometheus-url}, empty: none, the built-in
 * hour of metrics.k8s.io samples instead), its bearer token if it wants one, how long an answer is
 * shared between screens ({@code cache}), how often the built-in source samples ({@code interval}), and
 * how often open charts ask for new points ({@code refresh}), how often the cluster's state is checked for
 * alerts ({@code alert-interval}) and the bearer token Alertmanager sends ({@code alertmanager-token},
 * empty: the webhook refuses every post), and the hosts an alert webhook may reach over plain http on
 * any address ({@code hook-test-hosts}: tests only; empty in production).
 */
@ConfigurationProperties("nonstop.metrics")
public record MetricsSettings(String prometheusUrl, String prometheusToken, Duration cache, Duration interval,
                              Duration timeout, Duration refresh, Duration alertInterval, String alertmanagerToken,
                              java.util.List<String> hookTestHosts) {

    public MetricsSettings(@Nullable String prometheusUrl, @Nullable String prometheusToken,
                           @Nullable Duration cache, @Nullable Duration interval, @Nullable Duration timeout,
                           @Nullable Duration refresh, @Nullable Duration alertInterval,
                           @Nullable String alertmanagerToken, java.util.@Nullable List<String> hookTestHosts) {
        this.prometheusUrl = prometheusUrl == null ? "" : prometheusUrl.strip().replaceAll("/+$", "");
        this.prometheusToken = prometheusToken == null ? "" : prometheusToken.strip();
        this.cache = cache == null ? Duration.ofSeconds(15) : cache;
        this.interval = interval == null ? Duration.ofSeconds(15) : interval;
        this.timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        this.refresh = refresh == null ? Duration.ofSeconds(15) : refresh;
        this.alertInterval = alertInterval == null ? Duration.ofSeconds(15) : alertInterval;
        this.alertmanagerToken = alertmanagerToken == null ? "" : alertmanagerToken.strip();
        this.hookTestHosts = hookTestHosts == null ? java.util.List.of()
                : hookTestHosts.stream().map(h -> h.strip().toLowerCase(java.util.Locale.ROOT)).toList();
    }

    public boolean usesPrometheus() {
        return !prometheusUrl.isEmpty();
    }

    @Override
    public String toString() {
        // the token stays out of logs
        return "MetricsSettings[prometheusUrl=" + prometheusUrl + ", token=" + (prometheusToken.isEmpty() ? "none"
                : "set") + ", cache=" + cache + ", interval=" + interval + ", timeout=" + timeout + ", refresh=" + refresh
                + ", alertInterval=" + alertInterval + ", alertmanagerToken=" + (alertmanagerToken.isEmpty() ? "none" : "set")
                + "]";
    }
}

package dev.nonstop.metrics;

import dev.nonstop.app.App;
import dev.nonstop.app.AppService;
import dev.nonstop.metrics.internal.MetricsSource;
import dev.nonstop.metrics.internal.MetricsUnavailable;
import dev.nonstop.tenant.TenantService;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Charts of the caller's own apps. The app and the namespace always come from the signed-in caller
 * (an app of another tenant is "not found", as everywhere); queries are built by the source, never
 * taken from the user. One call for all of a tenant's apps asks the source once.
 */
@Service
public class MetricsService {

    private final AppService apps;
    private final dev.nonstop.app.AppInsightService insight;
    private final dev.nonstop.app.FailoverService failovers;
    private final TenantService tenants;
    private final MetricsSource source;
    private final Clock clock;
    private final MetricsSettings settings;

    MetricsService(AppService apps, dev.nonstop.app.AppInsightService insight,
                   dev.nonstop.app.FailoverService failovers, TenantService tenants, MetricsSource source, Clock clock,
                   MetricsSettings settings) {
        this.apps = apps;
        this.insight = insight;
        this.failovers = failovers;
        this.tenants = tenants;
        this.source = source;
        this.clock = clock;
        this.settings = settings;
    }

    /** One app's metric over a range. */
    public Chart chart(long appId, Metric metric, TimeRange range) {
        App app = apps.get(appId);
        return charts(List.of(app), metric, range).getFirst();
    }

    /**
     * One app's chart for its detail page: for CPU and memory per pod, also a line at each replica's
     * request and limit (its size), so "how close to the limit" reads at a glance.
     */
    public Chart chartWithinSize(long appId, Metric metric, TimeRange range) {
        App app = apps.get(appId);
        Chart chart = charts(List.of(app), metric, range).getFirst();
        if (chart.unavailable() != null || (metric != Metric.CPU && metric != Metric.MEMORY)) {
            return chart;
        }
        var size = app.size();
        double request = metric == Metric.CPU ? size.cpuRequestMilli() : size.memoryRequestMib();
        double limit = metric == Metric.CPU ? size.cpuLimitMilli() : size.memoryLimitMib();
        long to = clock.millis();
        long from = to - range.span().toMillis();
        List<Series> series = new java.util.ArrayList<>(chart.series());
        series.add(new Series(Series.REQUEST, List.of(new Series.Point(from, request), new Series.Point(to, request))));
        series.add(new Series(Series.LIMIT, List.of(new Series.Point(from, limit), new Series.Point(to, limit))));
        return new Chart(chart.app(), metric, range, series, null);
    }

    /** The metric over a range for every app of the caller's tenant, in the apps' order (one query). */
    public List<Chart> charts(Metric metric, TimeRange range) {
        return charts(apps.apps(), metric, range);
    }

    /**
     * The caller's tenant's quota in use over a range, percent of its plan's limit per resource (one
     * series each: CPU and memory reserved, replicas, …), as a chart named {@link Metric#TENANT}.
     */
    private static final java.util.Set<String> QUOTA_SHOWN = java.util.Set.of("requests.cpu", "requests.memory",
            "pods");

    public Chart quota(TimeRange range) {
        var cannot = source.cannotAnswer(Metric.QUOTA, range);
        if (cannot.isPresent()) {
            return Chart.unavailable(Metric.TENANT, Metric.QUOTA, range, cannot.get());
        }
        String namespace = tenants.current().slug().namespace();
        try {
            Map<String, List<Series>> answer = source.query(namespace, List.of(Metric.TENANT), Metric.QUOTA, range,
                    clock.instant());
            // what a plan sells: CPU and memory reserved, replicas (the other limits rarely bind)
            List<Series> shown = answer.getOrDefault(Metric.TENANT, List.of()).stream()
                    .filter(s -> QUOTA_SHOWN.contains(s.label())).toList();
            return new Chart(Metric.TENANT, Metric.QUOTA, range, shown, null);
        } catch (MetricsUnavailable down) {
            return Chart.unavailable(Metric.TENANT, Metric.QUOTA, range, down.why());
        }
    }

    /** Where the numbers come from, for the Monitoring page's footnote. */
    public boolean usesPrometheus() {
        return settings.usesPrometheus();
    }

    /** Something that happened to an app, for a marker on the charts' time axis. */
    public record Marker(java.time.Instant at, dev.nonstop.common.Message label) {
    }

    /** The app's releases (deploys, configuration changes, rollbacks) and failover drills within the range. */
    public List<Marker> markers(long appId, TimeRange range) {
        Instant from = clock.instant().minus(range.span());
        List<Marker> markers = new java.util.ArrayList<>();
        apps.releases(appId).stream().filter(r -> r.createdAt().isAfter(from)).forEach(r -> markers.add(
                new Marker(r.createdAt(), dev.nonstop.common.Message.of("metric.marker.release", r.number()))));
        failovers.drills(appId).stream().filter(d -> d.startedAt().isAfter(from)).forEach(d -> markers.add(
                new Marker(d.startedAt(), dev.nonstop.common.Message.of(d.zoneLost() ? "metric.marker.zone-drill"
                        : "metric.marker.drill"))));
        // scaling: where the desired replicas change in the replicas chart (either source)
        Chart replicas = chart(appId, Metric.REPLICAS, range);
        replicas.series().stream().filter(s -> s.label().equals("desired")).findFirst().ifPresent(desired -> {
            List<Series.Point> points = desired.points();
            for (int i = 1; i < points.size(); i++) {
                if (points.get(i).value() != points.get(i - 1).value()) {
                    markers.add(new Marker(Instant.ofEpochMilli(points.get(i).at()), dev.nonstop.common.Message.of(
                            "metric.marker.scaled", (int) points.get(i).value())));
                }
            }
        });
        // restarts: the kubelet backing off a crashing container
        insight.events(appId).stream().filter(e -> "BackOff".equals(e.reason()) && e.at() != null
                && e.at().isAfter(from)).forEach(e -> markers.add(new Marker(e.at(),
                dev.nonstop.common.Message.of("metric.marker.restart"))));
        markers.sort(java.util.Comparator.comparing(Marker::at));
        return markers;
    }

    /** How often an open chart asks for new points. */
    public java.time.Duration refreshEvery() {
        return settings.refresh();
    }

    private List<Chart> charts(List<App> of, Metric metric, TimeRange range) {
        List<String> names = of.stream().map(App::name).toList();
        var cannot = source.cannotAnswer(metric, range);
        if (cannot.isPresent()) {
            return names.stream().map(n -> Chart.unavailable(n, metric, range, cannot.get())).toList();
        }
        String namespace = tenants.current().slug().namespace();
        Instant now = clock.instant();
        try {
            Map<String, List<Series>> answer = names.isEmpty() ? Map.of()
                    : source.query(namespace, names, metric, range, now);
            return names.stream().map(n -> new Chart(n, metric, range, answer.getOrDefault(n, List.of()), null))
                    .toList();
        } catch (MetricsUnavailable down) {
            return names.stream().map(n -> Chart.unavailable(n, metric, range, down.why())).toList();
        }
    }
}

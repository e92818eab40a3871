package dev.nonstop.metrics.internal;

import dev.nonstop.common.Message;
import dev.nonstop.metrics.Metric;
import dev.nonstop.metrics.Series;
import dev.nonstop.metrics.TimeRange;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prometheus's HTTP API ({@code /api/v1/query_range}) with the queries of {@link PromQl}. An answer is
 * shared for the cache time by every screen that asks the same thing (same namespace, apps, metric and
 * range), so the number of requests follows apps and time, not open sessions.
 */
public final class PrometheusMetrics implements MetricsSource {

    private static final Logger log = LoggerFactory.getLogger(PrometheusMetrics.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The most a response may hold; a chart never needs more. */
    static final int MAX_BODY = 8 * 1024 * 1024;

    private record Key(String namespace, List<String> apps, Metric metric, TimeRange range) {
    }

    private record Answer(long until, Map<String, List<Series>> series) {
    }

    private final String url;
    private final String token;
    private final Duration cache;
    private final Duration timeout;
    private final HttpClient http;
    private final Map<Key, Answer> answers = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();

    public PrometheusMetrics(String url, String token, Duration cache, Duration timeout) {
        this.url = url;
        this.token = token;
        this.cache = cache;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public Optional<Message> cannotAnswer(Metric metric, TimeRange range) {
        return Optional.empty();
    }

    @Override
    public Map<String, List<Series>> query(String namespace, Collection<String> apps, Metric metric,
                                           TimeRange range, Instant now) {
        Key key = new Key(namespace, List.copyOf(apps), metric, range);
        Answer cached = answers.get(key);
        if (cached != null && cached.until() > now.toEpochMilli()) {
            return cached.series();
        }
        List<String> queries = PromQl.of(metric, namespace, apps, range);
        Map<String, List<Series>> byApp = new HashMap<>();
        for (int i = 0; i < queries.size(); i++) {
            JsonNode result = queryRange(queries.get(i), now.minus(range.span()), now, range.step());
            String label = metric == Metric.REPLICAS ? (i == 0 ? "ready" : "desired") : null;
            for (JsonNode series : result) {
                String pod = series.path("metric").path("pod").asString("");
                String app = metric == Metric.QUOTA ? Metric.TENANT
                        : pod.isEmpty() ? series.path("metric").path("app").asString("") : appOf(pod, apps);
                if (metric == Metric.QUOTA) {
                    pod = series.path("metric").path("resource").asString("");
                }
                if (app.isEmpty()) {
                    continue;
                }
                List<Series.Point> points = new ArrayList<>();
                for (JsonNode value : series.path("values")) {
                    double v = parse(value.path(1).asString("NaN"));
                    if (!Double.isNaN(v) && !Double.isInfinite(v)) {
                        points.add(new Series.Point(Math.round(value.path(0).asDouble() * 1000), v));
                    }
                }
                byApp.computeIfAbsent(app, a -> new ArrayList<>()).add(new Series(label != null ? label
                        : pod.isEmpty() ? app : pod, points));
            }
        }
        byApp.values().forEach(list -> list.sort(java.util.Comparator.comparing(Series::label)));
        answers.put(key, new Answer(now.toEpochMilli() + cache.toMillis(), byApp));
        if (answers.size() > 10_000) {
            answers.values().removeIf(a -> a.until() <= now.toEpochMilli());
        }
        return byApp;
    }

    /** The app a pod belongs to: the longest app name it starts with followed by two hashes. */
    private static String appOf(String pod, Collection<String> apps) {
        String best = "";
        for (String app : apps) {
            if (pod.startsWith(app + "-") && pod.substring(app.length() + 1).matches("[a-z0-9]+-[a-z0-9]+")
                    && app.length() > best.length()) {
                best = app;
            }
        }
        return best;
    }

    private static double parse(String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private JsonNode queryRange(String query, Instant start, Instant end, Duration step) {
        String form = "query=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&start=" + start.getEpochSecond()
                + "&end=" + end.getEpochSecond() + "&step=" + step.toSeconds();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + "/api/v1/query_range"))
                .timeout(timeout).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (!token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
        requests.incrementAndGet();
        HttpResponse<java.io.InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new MetricsUnavailable(Message.of("metrics.prometheus.down", url), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MetricsUnavailable(Message.of("metrics.prometheus.down", url), "interrupted");
        }
        JsonNode body;
        try (var in = response.body()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new MetricsUnavailable(Message.of("metrics.prometheus.refused", url), "answer too large");
            }
            body = JSON.readTree(bytes);
        } catch (IOException | RuntimeException e) {
            if (e instanceof MetricsUnavailable mu) {
                throw mu;
            }
            throw new MetricsUnavailable(Message.of("metrics.prometheus.refused", url), "HTTP "
                    + response.statusCode() + ", not JSON");
        }
        if (response.statusCode() != 200 || !"success".equals(body.path("status").asString(""))) {
            log.warn("Prometheus refused a query ({}): {} {}", response.statusCode(),
                    body.path("errorType").asString(""), body.path("error").asString(""));
            throw new MetricsUnavailable(Message.of("metrics.prometheus.refused", url), "HTTP "
                    + response.statusCode() + " " + body.path("error").asString(""));
        }
        return body.path("data").path("result");
    }

    /** Requests sent so far (the benchmark checks they follow apps and time, not sessions). */
    public long requests() {
        return requests.get();
    }

    @Override
    public String describe() {
        return "Prometheus at " + url;
    }
}

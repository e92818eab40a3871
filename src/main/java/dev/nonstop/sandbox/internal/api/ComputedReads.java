package dev.nonstop.sandbox.internal.api;

import io.fabric8.mockwebserver.http.MockResponse;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Reads the sandbox answers by computing rather than from the store: pod logs and pod metrics. */
final class ComputedReads {

    private final Function<String, ObjectNode> get;
    private final Function<String, MockResponse> handleGet;
    private final Clock clock;
    private final PodMetricsSource podMetrics;

    ComputedReads(Function<String, ObjectNode> get, Function<String, MockResponse> handleGet, Clock clock,
                  PodMetricsSource podMetrics) {
        this.get = get;
        this.handleGet = handleGet;
        this.clock = clock;
        this.podMetrics = podMetrics;
    }

    MockResponse podLog(ResourcePath path) {
        ObjectNode pod = get.apply(path.objectPath());
        if (pod == null) {
            return ApiStatus.failure(404, "NotFound", "pods \"" + path.name() + "\" not found");
        }
        int tail = 0;
        try {
            tail = Integer.parseInt(path.query().getOrDefault("tailLines", "0"));
        } catch (NumberFormatException ignored) {
            // all lines
        }
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "text/plain")
                .setBody(PodLogs.of(pod, clock.instant(), tail));
    }

    MockResponse metrics(String path) {
        Optional<ResourcePath> parsed = ResourcePath.parse(path);
        if (parsed.isEmpty() || !parsed.get().plural().equals("pods")) {
            return ApiStatus.failure(404, "NotFound", "the sandbox serves pod metrics only");
        }
        ResourcePath p = parsed.get();
        String podsPath = new ResourcePath("", "v1", p.namespace(), "pods", p.name(), null, p.query()).objectPath();
        String selector = p.query().get("labelSelector");
        MockResponse pods = handleGet.apply(podsPath + (selector == null ? "" : "?labelSelector="
                + java.net.URLEncoder.encode(selector, java.nio.charset.StandardCharsets.UTF_8)));
        if (pods.code() != 200) {
            return pods;
        }
        JsonNode body = ApiBodies.parse(pods.getBody().readUtf8());
        java.time.Instant now = clock.instant();
        if (p.name() != null) {
            ObjectNode one = podMetrics.of(body, now);
            return one == null ? ApiStatus.failure(404, "NotFound", "podmetrics \"" + p.name() + "\" not found")
                    : ApiStatus.json(200, one.toString());
        }
        ObjectNode list = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        list.put("kind", "PodMetricsList");
        list.put("apiVersion", "metrics.k8s.io/v1beta1");
        list.putObject("metadata");
        var items = list.putArray("items");
        for (JsonNode pod : body.path("items")) {
            ObjectNode m = podMetrics.of(pod, now);
            if (m != null) {
                items.add(m);
            }
        }
        return ApiStatus.json(200, list.toString());
    }
}

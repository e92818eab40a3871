package dev.nonstop.sandbox.internal.api;

import io.fabric8.mockwebserver.http.MockResponse;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.node.ObjectNode;

/** Reads the sandbox answers by computing rather than from the store: pod logs and pod metrics. */
final class ComputedReads {

    private final Function<String, ObjectNode> get;
    private final Function<String, MockResponse> handleGet;
    private final Function<String, List<String>> podsMatching;
    private final Clock clock;
    private final PodMetricsSource podMetrics;

    /**
     * @param podsMatching the stored JSON of the pods a pods list path (with its label selector) names,
     *                     without composing and parsing a list answer
     */
    ComputedReads(Function<String, ObjectNode> get, Function<String, MockResponse> handleGet,
                  Function<String, List<String>> podsMatching, Clock clock, PodMetricsSource podMetrics) {
        this.get = get;
        this.handleGet = handleGet;
        this.podsMatching = podsMatching;
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
        java.time.Instant now = clock.instant();
        if (p.name() != null) {
            MockResponse pod = handleGet.apply(podsPath);
            if (pod.code() != 200) {
                return pod;
            }
            ObjectNode one = podMetrics.of(ApiBodies.parse(pod.getBody().readUtf8()), now);
            return one == null ? ApiStatus.failure(404, "NotFound", "podmetrics \"" + p.name() + "\" not found")
                    : ApiStatus.json(200, one.toString());
        }
        String selector = p.query().get("labelSelector");
        return ApiStatus.json(200, podMetrics.list(podsMatching.apply(podsPath + (selector == null ? ""
                : "?labelSelector=" + java.net.URLEncoder.encode(selector, java.nio.charset.StandardCharsets.UTF_8))),
                now));
    }
}

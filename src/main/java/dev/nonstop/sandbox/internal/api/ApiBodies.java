package dev.nonstop.sandbox.internal.api;

import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The sandbox API's JSON request bodies: read and checked (a malformed one is a 400), and rewritten. */
final class ApiBodies {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private ApiBodies() {
    }

    static ObjectNode body(RecordedRequest request) {
        String text = request.getUtf8Body();
        if (text == null || text.isBlank()) {
            throw new BadRequest("the request has no body");
        }
        if (!text.stripLeading().startsWith("{")) {
            throw new BadRequest("the sandbox API takes JSON bodies (YAML apply bodies are not supported)");
        }
        JsonNode node = parse(text);
        if (!(node instanceof ObjectNode object)) {
            throw new BadRequest("the body is not a JSON object");
        }
        return object;
    }

    static ObjectNode parse(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            return node instanceof ObjectNode object ? object : JSON.createObjectNode();
        } catch (RuntimeException e) {
            throw new BadRequest("the body is not valid JSON: " + e.getMessage());
        }
    }

    static RecordedRequest rewrite(RecordedRequest original, HttpMethod method, String path, ObjectNode body) {
        return new RecordedRequest(original.getHttpVersion(), method, path,
                original.getHeaders().newBuilder().set("Content-Type", "application/json").build(),
                new Buffer().writeUtf8(body.toString()));
    }

    /** A malformed request: answered 400 with the reason. */
    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }
}

package dev.nonstop.sandbox.internal.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A request path of the Kubernetes REST API, taken apart:
 * {@code /apis/apps/v1/namespaces/shop/deployments/web/status?fieldManager=nonstop}.
 */
record ResourcePath(String group, String version, @Nullable String namespace, String plural, @Nullable String name,
                    @Nullable String subresource, Map<String, String> query) {

    static Optional<ResourcePath> parse(String raw) {
        int q = raw.indexOf('?');
        String path = q < 0 ? raw : raw.substring(0, q);
        Map<String, String> query = query(q < 0 ? "" : raw.substring(q + 1));
        String[] parts = path.replaceAll("^/+|/+$", "").split("/");
        int i;
        String group;
        String version;
        if (parts.length >= 3 && parts[0].equals("api")) {
            group = "";
            version = parts[1];
            i = 2;
        } else if (parts.length >= 4 && parts[0].equals("apis")) {
            group = parts[1];
            version = parts[2];
            i = 3;
        } else {
            return Optional.empty();
        }
        String[] rest = java.util.Arrays.copyOfRange(parts, i, parts.length);
        if (rest.length >= 3 && rest[0].equals("namespaces")) {
            return Optional.of(new ResourcePath(group, version, rest[1], rest[2], at(rest, 3), at(rest, 4), query));
        }
        return Optional.of(new ResourcePath(group, version, null, rest[0], at(rest, 1), at(rest, 2), query));
    }

    private static @Nullable String at(String[] parts, int index) {
        return index < parts.length ? parts[index] : null;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.put(key, value);
        }
        return query;
    }

    /** The path of the collection or object without query and subresource. */
    String objectPath() {
        String prefix = group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
        String ns = namespace == null ? "" : "/namespaces/" + namespace;
        return prefix + ns + "/" + plural + (name == null ? "" : "/" + name);
    }

    boolean isNamespaceObject() {
        return group.isEmpty() && namespace == null && plural.equals("namespaces");
    }
}

package dev.nonstop.sandbox.internal.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The discovery documents kubectl and clients read before anything else: {@code /version}, {@code /api},
 * {@code /apis}, and each group version's resource list.
 */
final class Discovery {

    static final String GIT_VERSION = "v1.33.0-nonstop-sandbox";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Discovery() {
    }

    /** The document for a path, if the path is a discovery path. */
    static Optional<String> document(String path) {
        String clean = path.replaceAll("\\?.*$", "").replaceAll("/+$", "");
        return switch (clean) {
            case "/version" -> Optional.of(version());
            case "/api" -> Optional.of(coreVersions());
            case "/apis" -> Optional.of(groups());
            case "/healthz", "/readyz", "/livez" -> Optional.of("ok");
            default -> resources(clean);
        };
    }

    private static String version() {
        ObjectNode v = JSON.objectNode();
        v.put("major", "1");
        v.put("minor", "33");
        v.put("gitVersion", GIT_VERSION);
        v.put("gitCommit", "sandbox");
        v.put("gitTreeState", "clean");
        v.put("buildDate", "2026-11-25T00:00:00Z");
        v.put("goVersion", "n/a (Java)");
        v.put("compiler", "nonstop");
        v.put("platform", "linux/amd64");
        return v.toString();
    }

    private static String coreVersions() {
        ObjectNode doc = JSON.objectNode();
        doc.put("kind", "APIVersions");
        doc.putArray("versions").add("v1");
        ObjectNode cidr = doc.putArray("serverAddressByClientCIDRs").addObject();
        cidr.put("clientCIDR", "0.0.0.0/0");
        cidr.put("serverAddress", "127.0.0.1");
        return doc.toString();
    }

    private static String groups() {
        ObjectNode doc = JSON.objectNode();
        doc.put("kind", "APIGroupList");
        doc.put("apiVersion", "v1");
        ArrayNode groups = doc.putArray("groups");
        ResourceCatalog.byGroupVersion().forEach((groupVersion, resources) -> {
            String group = resources.getFirst().group();
            if (group.isEmpty()) {
                return;
            }
            ObjectNode entry = groups.addObject();
            entry.put("name", group);
            ObjectNode version = JSON.objectNode();
            version.put("groupVersion", groupVersion);
            version.put("version", resources.getFirst().version());
            entry.putArray("versions").add(version);
            entry.set("preferredVersion", version.deepCopy());
        });
        return doc.toString();
    }

    private static Optional<String> resources(String path) {
        String groupVersion;
        if (path.matches("/api/v1")) {
            groupVersion = "v1";
        } else if (path.matches("/apis/[^/]+/[^/]+")) {
            groupVersion = path.substring("/apis/".length());
        } else {
            return Optional.empty();
        }
        Map<String, List<ResourceCatalog.Resource>> all = ResourceCatalog.byGroupVersion();
        List<ResourceCatalog.Resource> resources = all.get(groupVersion);
        if (resources == null) {
            return Optional.empty();
        }
        ObjectNode doc = JSON.objectNode();
        doc.put("kind", "APIResourceList");
        doc.put("apiVersion", "v1");
        doc.put("groupVersion", groupVersion);
        ArrayNode list = doc.putArray("resources");
        for (ResourceCatalog.Resource r : resources) {
            ObjectNode entry = list.addObject();
            entry.put("name", r.plural());
            entry.put("singularName", r.kind().toLowerCase(java.util.Locale.ROOT));
            entry.put("namespaced", r.namespaced());
            entry.put("kind", r.kind());
            ArrayNode verbs = entry.putArray("verbs");
            List.of("create", "delete", "get", "list", "patch", "update", "watch").forEach(verbs::add);
            ArrayNode shortNames = entry.putArray("shortNames");
            r.shortNames().forEach(shortNames::add);
            if (r.hasStatus()) {
                ObjectNode status = list.addObject();
                status.put("name", r.plural() + "/status");
                status.put("singularName", "");
                status.put("namespaced", r.namespaced());
                status.put("kind", r.kind());
                status.putArray("verbs").add("get").add("patch").add("update");
            }
        }
        return Optional.of(doc.toString());
    }
}

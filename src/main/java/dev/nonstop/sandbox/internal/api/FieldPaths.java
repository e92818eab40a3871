package dev.nonstop.sandbox.internal.api;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Field paths of a Kubernetes object as server-side apply tracks them. A path is the list of object
 * keys down to a leaf: a scalar, an empty object, or a list. Lists are atomic here (one owner for the
 * whole list), a simplification of Kubernetes' associative lists noted in the sandbox design record.
 */
final class FieldPaths {

    /** Fields that belong to the server, never to a field manager. */
    private static final Set<List<String>> SERVER_OWNED = Set.of(
            List.of("apiVersion"), List.of("kind"), List.of("status"),
            List.of("metadata", "name"), List.of("metadata", "namespace"), List.of("metadata", "uid"),
            List.of("metadata", "resourceVersion"), List.of("metadata", "generation"),
            List.of("metadata", "creationTimestamp"), List.of("metadata", "managedFields"),
            List.of("metadata", "deletionTimestamp"), List.of("metadata", "selfLink"));

    private FieldPaths() {
    }

    static Set<List<String>> leaves(JsonNode object) {
        Set<List<String>> leaves = new LinkedHashSet<>();
        collect(object, new ArrayList<>(), leaves);
        return leaves;
    }

    private static void collect(JsonNode node, List<String> prefix, Set<List<String>> into) {
        for (var entry : node.properties()) {
            List<String> path = new ArrayList<>(prefix);
            path.add(entry.getKey());
            if (SERVER_OWNED.contains(path)) {
                continue;
            }
            JsonNode value = entry.getValue();
            if (value.isObject() && !value.isEmpty()) {
                collect(value, path, into);
            } else {
                into.add(List.copyOf(path));
            }
        }
    }

    static @Nullable JsonNode get(JsonNode object, List<String> path) {
        JsonNode node = object;
        for (String key : path) {
            if (node == null || !node.isObject()) {
                return null;
            }
            node = node.get(key);
        }
        return node;
    }

    static void set(ObjectNode object, List<String> path, JsonNode value) {
        ObjectNode node = object;
        for (String key : path.subList(0, path.size() - 1)) {
            JsonNode child = node.get(key);
            if (child == null || !child.isObject()) {
                child = node.putObject(key);
            }
            node = (ObjectNode) child;
        }
        node.set(path.getLast(), value.deepCopy());
    }

    /** Removes the field and any parent objects that it leaves empty. */
    static void remove(ObjectNode object, List<String> path) {
        List<ObjectNode> parents = new ArrayList<>();
        ObjectNode node = object;
        for (String key : path.subList(0, path.size() - 1)) {
            JsonNode child = node.get(key);
            if (child == null || !child.isObject()) {
                return;
            }
            parents.add(node);
            node = (ObjectNode) child;
        }
        node.remove(path.getLast());
        for (int i = parents.size() - 1; i >= 0 && node.isEmpty(); i--) {
            parents.get(i).remove(path.get(i));
            node = parents.get(i);
        }
    }

    /** Kubernetes' FieldsV1 form: {"f:spec":{"f:replicas":{}}}. */
    static ObjectNode toFieldsV1(Set<List<String>> paths) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        for (List<String> path : paths) {
            ObjectNode node = root;
            for (String key : path) {
                JsonNode child = node.get("f:" + key);
                node = child instanceof ObjectNode existing ? existing : node.putObject("f:" + key);
            }
        }
        return root;
    }

    static Set<List<String>> fromFieldsV1(@Nullable JsonNode fields) {
        Set<List<String>> paths = new LinkedHashSet<>();
        if (fields != null) {
            readFieldsV1(fields, new ArrayList<>(), paths);
        }
        return paths;
    }

    private static void readFieldsV1(JsonNode node, List<String> prefix, Set<List<String>> into) {
        for (var entry : node.properties()) {
            if (!entry.getKey().startsWith("f:")) {
                continue;
            }
            List<String> path = new ArrayList<>(prefix);
            path.add(entry.getKey().substring(2));
            if (entry.getValue().isEmpty()) {
                into.add(List.copyOf(path));
            } else {
                readFieldsV1(entry.getValue(), path, into);
            }
        }
    }

    static String dotted(List<String> path) {
        return "." + String.join(".", path);
    }
}

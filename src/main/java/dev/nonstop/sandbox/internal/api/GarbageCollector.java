package dev.nonstop.sandbox.internal.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the API server's garbage collector and namespace controller do, synchronously: deleting an
 * object deletes everything whose ownerReferences name its uid (recursively), and deleting a Namespace
 * deletes everything in it.
 */
final class GarbageCollector {

    private final Function<@Nullable String, Collection<String>> stored;
    private final Function<String, ObjectNode> get;
    private final Predicate<String> delete;

    /**
     * {@code stored}: the JSON of every stored object in a namespace (every object at all for null);
     * {@code get}: an object by path; {@code delete}: deletes one.
     */
    GarbageCollector(Function<@Nullable String, Collection<String>> stored, Function<String, ObjectNode> get, Predicate<String> delete) {
        this.stored = stored;
        this.get = get;
        this.delete = delete;
    }

    void collect(ObjectNode deleted, ResourcePath path) {
        String uid = deleted.path("metadata").path("uid").asString("");
        List<ObjectNode> doomed = new ArrayList<>();
        // Namespaced dependents live in their owner's namespace; only cluster-scoped owners need a full pass.
        String scope = path.isNamespaceObject() ? path.name() : path.namespace();
        for (String json : stored.apply(scope)) {
            boolean inNamespace = path.isNamespaceObject()
                    && json.contains("\"namespace\":\"" + path.name() + "\"");
            boolean dependent = !uid.isEmpty() && json.contains(uid);
            if (!inNamespace && !dependent) {
                continue;
            }
            ObjectNode object = ApiBodies.parse(json);
            String namespace = object.path("metadata").path("namespace").asString("");
            boolean owned = false;
            for (JsonNode owner : object.path("metadata").path("ownerReferences")) {
                owned |= uid.equals(owner.path("uid").asString(""));
            }
            if (owned || (path.isNamespaceObject() && namespace.equals(path.name()))) {
                doomed.add(object);
            }
        }
        for (ObjectNode object : doomed) {
            JsonNode metadata = object.path("metadata");
            ResourceCatalog.pathOf(object.path("apiVersion").asString(""), object.path("kind").asString(""),
                            metadata.path("namespace").asString(""), metadata.path("name").asString(""))
                    .flatMap(ResourcePath::parse)
                    .ifPresent(dependentPath -> {
                        ObjectNode still = get.apply(dependentPath.objectPath());
                        if (still != null && delete.test(dependentPath.objectPath())) {
                            collect(still, dependentPath);
                        }
                    });
        }
    }
}

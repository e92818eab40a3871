package dev.nonstop.sandbox.internal.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Who owns which fields of one object, read from and written to {@code metadata.managedFields}.
 * Implements the parts of server-side apply Nonstop depends on:
 * <ul>
 * <li>apply creates or updates, and removes fields its manager stopped sending;</li>
 * <li>fields another manager owns are kept when the applier does not send them;</li>
 * <li>changing a field another manager owns is a conflict unless forced, which moves the ownership;</li>
 * <li>a plain update (PUT, PATCH) moves ownership of the fields it changed to its manager.</li>
 * </ul>
 */
final class ManagedFields {

    static final String APPLY = "Apply";
    static final String UPDATE = "Update";

    /** An owner: a manager with the operation it used. */
    record Owner(String manager, String operation) {
    }

    /** A field another manager owns and the applier wanted to change. */
    record Conflict(String manager, List<String> path) {
        @Override
        public String toString() {
            return "conflict with \"" + manager + "\": " + FieldPaths.dotted(path);
        }
    }

    static final class ConflictException extends RuntimeException {
        private final List<Conflict> conflicts;

        ConflictException(List<Conflict> conflicts) {
            super("Apply failed with " + conflicts.size() + " conflict" + (conflicts.size() == 1 ? "" : "s") + ": "
                    + String.join("; ", conflicts.stream().map(Conflict::toString).toList()));
            this.conflicts = List.copyOf(conflicts);
        }

        List<Conflict> conflicts() {
            return conflicts;
        }
    }

    private final Map<Owner, Set<List<String>>> owned = new LinkedHashMap<>();
    private final Map<Owner, String> apiVersions = new LinkedHashMap<>();

    static ManagedFields of(@Nullable JsonNode object) {
        ManagedFields fields = new ManagedFields();
        JsonNode entries = object == null ? null : FieldPaths.get(object, List.of("metadata", "managedFields"));
        if (entries != null && entries.isArray()) {
            for (JsonNode entry : entries) {
                Owner owner = new Owner(entry.path("manager").asString(""), entry.path("operation").asString(UPDATE));
                fields.owned.put(owner, FieldPaths.fromFieldsV1(entry.get("fieldsV1")));
                fields.apiVersions.put(owner, entry.path("apiVersion").asString(""));
            }
        }
        return fields;
    }

    boolean isEmpty() {
        return owned.isEmpty();
    }

    Set<List<String>> ownedBy(Owner owner) {
        return owned.getOrDefault(owner, Set.of());
    }

    /**
     * Applies {@code config} for {@code manager} onto {@code current} (null when absent) and returns the
     * resulting object with its managed fields; throws {@link ConflictException} when not forced.
     */
    static ObjectNode apply(@Nullable ObjectNode current, ObjectNode config, String manager, boolean force,
                            Instant now) {
        ManagedFields fields = of(current);
        Owner applier = new Owner(manager, APPLY);
        Set<List<String>> applied = FieldPaths.leaves(config);
        ObjectNode result = current == null ? config.deepCopy() : current.deepCopy();
        if (current != null) {
            List<Conflict> conflicts = new java.util.ArrayList<>();
            for (List<String> path : applied) {
                JsonNode now0 = FieldPaths.get(current, path);
                if (now0 != null && !now0.equals(FieldPaths.get(config, path))) {
                    fields.owned.forEach((owner, paths) -> {
                        if (!owner.equals(applier) && paths.contains(path)) {
                            conflicts.add(new Conflict(owner.manager(), path));
                        }
                    });
                }
            }
            if (!conflicts.isEmpty()) {
                if (!force) {
                    throw new ConflictException(conflicts);
                }
                conflicts.forEach(c -> fields.owned.forEach((owner, paths) -> {
                    if (owner.manager().equals(c.manager())) {
                        paths.remove(c.path());
                    }
                }));
            }
            for (List<String> dropped : fields.ownedBy(applier)) {
                boolean ownedElsewhere = fields.owned.entrySet().stream()
                        .anyMatch(e -> !e.getKey().equals(applier) && e.getValue().contains(dropped));
                if (!applied.contains(dropped) && !ownedElsewhere) {
                    FieldPaths.remove(result, dropped);
                }
            }
            for (List<String> path : applied) {
                FieldPaths.set(result, path, Objects.requireNonNull(FieldPaths.get(config, path)));
            }
        }
        fields.owned.put(applier, new LinkedHashSet<>(applied));
        fields.apiVersions.put(applier, config.path("apiVersion").asString(""));
        fields.writeTo(result, now);
        return result;
    }

    /**
     * Records a plain write by {@code manager}: fields it changed, added or removed move to it (or
     * lose their owner when removed). {@code before} is null for a create.
     */
    static void recordUpdate(@Nullable JsonNode before, ObjectNode after, String manager, Instant now) {
        ManagedFields fields = of(before);
        Owner updater = new Owner(manager, UPDATE);
        Set<List<String>> afterLeaves = FieldPaths.leaves(after);
        Set<List<String>> changed = new LinkedHashSet<>();
        for (List<String> path : afterLeaves) {
            if (before == null || !Objects.equals(FieldPaths.get(before, path), FieldPaths.get(after, path))) {
                changed.add(path);
            }
        }
        Set<List<String>> removed = new LinkedHashSet<>(before == null ? Set.of() : FieldPaths.leaves(before));
        removed.removeAll(afterLeaves);
        fields.owned.values().forEach(paths -> {
            paths.removeAll(changed);
            paths.removeAll(removed);
        });
        fields.owned.computeIfAbsent(updater, o -> new LinkedHashSet<>()).addAll(changed);
        fields.apiVersions.put(updater, after.path("apiVersion").asString(""));
        fields.writeTo(after, now);
    }

    private void writeTo(ObjectNode object, Instant now) {
        ArrayNode entries = JsonNodeFactory.instance.arrayNode();
        owned.forEach((owner, paths) -> {
            if (paths.isEmpty()) {
                return;
            }
            ObjectNode entry = entries.addObject();
            entry.put("manager", owner.manager());
            entry.put("operation", owner.operation());
            entry.put("apiVersion", apiVersions.getOrDefault(owner, ""));
            entry.put("time", now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
            entry.put("fieldsType", "FieldsV1");
            entry.set("fieldsV1", FieldPaths.toFieldsV1(paths));
        });
        ObjectNode metadata = object.withObjectProperty("metadata");
        if (entries.isEmpty()) {
            metadata.remove("managedFields");
        } else {
            metadata.set("managedFields", entries);
        }
    }
}

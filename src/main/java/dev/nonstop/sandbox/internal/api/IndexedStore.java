package dev.nonstop.sandbox.internal.api;

import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The CRUD store's object map with two indexes: by identity (resource, version, namespace, name) and
 * by collection (resource, version, namespace, and all namespaces). fabric8's store scans every object
 * for every lookup; with these the sandbox answers gets and lists in time proportional to the answer,
 * which is what lets it hold 10,000 Deployments and their pods.
 */
final class IndexedStore extends ConcurrentHashMap<AttributeSet, String> {

    static final String ALL_NAMESPACES = "*";

    private final ConcurrentHashMap<String, AttributeSet> byIdentity = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<AttributeSet>> byCollection = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<AttributeSet>> byNamespace = new ConcurrentHashMap<>();
    /** While set on a thread, {@link #entrySet()} holds only the entries that may match this query. */
    private final ThreadLocal<AttributeSet> narrowedTo = new ThreadLocal<>();

    static @Nullable String value(AttributeSet set, String key) {
        Attribute attribute = set.getAttribute(key);
        return attribute == null || attribute.getValues().isEmpty() ? null
                : attribute.getValues().getFirst().toString();
    }

    static String identity(String plural, String version, @Nullable String namespace, String name) {
        return plural + "|" + version + "|" + (namespace == null ? "" : namespace) + "|" + name;
    }

    static String collection(String plural, String version, String namespace) {
        return plural + "|" + version + "|" + namespace;
    }

    @Override
    public String put(AttributeSet key, String value) {
        if (value == null) {
            return remove(key);
        }
        String previous = super.put(key, value);
        if (previous == null) {
            index(key);
        }
        return previous;
    }

    @Override
    public String get(Object key) {
        return key == null ? null : super.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return key != null && super.containsKey(key);
    }

    @Override
    public String remove(Object key) {
        if (key == null) {
            return null;
        }
        String previous = super.remove(key);
        if (previous != null && key instanceof AttributeSet set) {
            unindex(set);
        }
        return previous;
    }

    @Override
    public void clear() {
        super.clear();
        byIdentity.clear();
        byCollection.clear();
        byNamespace.clear();
    }

    /**
     * fabric8's handlers find objects by copying every entry and filtering by a query. Run inside this,
     * such a scan sees only the entries the indexes say may match (a superset of the true matches), so
     * a get or delete by name costs one lookup instead of a pass over every object.
     */
    <T> T narrowed(AttributeSet query, java.util.function.Supplier<T> scan) {
        narrowedTo.set(query);
        try {
            return scan.get();
        } finally {
            narrowedTo.remove();
        }
    }

    @Override
    public java.util.Set<Map.Entry<AttributeSet, String>> entrySet() {
        AttributeSet query = narrowedTo.get();
        List<AttributeSet> candidates = query == null ? null : candidates(query);
        if (candidates == null) {
            return super.entrySet();
        }
        java.util.Set<Map.Entry<AttributeSet, String>> entries = new java.util.LinkedHashSet<>();
        for (AttributeSet key : candidates) {
            String value = super.get(key);
            if (value != null) {
                entries.add(new java.util.AbstractMap.SimpleImmutableEntry<>(key, value));
            }
        }
        return entries;
    }

    /** The keys that may match a query, or null when the indexes cannot tell (then every key may). */
    private @Nullable List<AttributeSet> candidates(AttributeSet query) {
        String plural = value(query, "plural");
        String version = value(query, "version");
        if (plural == null || version == null) {
            return null;
        }
        String name = value(query, "name");
        String namespace = value(query, "namespace");
        if (name != null) {
            AttributeSet key = keyOf(plural, version, namespace, name);
            return key == null ? List.of() : List.of(key);
        }
        return namespace == null ? null : keysIn(plural, version, namespace);
    }

    /** The index entries of one stored key: its identity and the collections it belongs to. */
    private record Entries(String identity, List<String> collections, @Nullable String namespace) {
    }

    private static @Nullable Entries entries(AttributeSet key) {
        String plural = value(key, "plural");
        String version = value(key, "version");
        String name = value(key, "name");
        if (plural == null || version == null || name == null) {
            return null;
        }
        String namespace = value(key, "namespace");
        List<String> collections = namespace == null
                ? List.of(collection(plural, version, ""))
                : List.of(collection(plural, version, namespace), collection(plural, version, ALL_NAMESPACES));
        return new Entries(identity(plural, version, namespace, name), collections, namespace);
    }

    private void index(AttributeSet key) {
        Entries entries = entries(key);
        if (entries != null) {
            byIdentity.put(entries.identity(), key);
            entries.collections().forEach(c -> byCollection.computeIfAbsent(c, k -> ConcurrentHashMap.newKeySet())
                    .add(key));
            if (entries.namespace() != null) {
                byNamespace.computeIfAbsent(entries.namespace(), k -> ConcurrentHashMap.newKeySet()).add(key);
            }
        }
    }

    private void unindex(AttributeSet key) {
        Entries entries = entries(key);
        if (entries != null) {
            byIdentity.remove(entries.identity(), key);
            entries.collections().forEach(c -> {
                Set<AttributeSet> members = byCollection.get(c);
                if (members != null) {
                    members.remove(key);
                }
            });
            if (entries.namespace() != null) {
                Set<AttributeSet> members = byNamespace.get(entries.namespace());
                if (members != null) {
                    members.remove(key);
                }
            }
        }
    }

    @Nullable AttributeSet keyOf(String plural, String version, @Nullable String namespace, String name) {
        return byIdentity.get(identity(plural, version, namespace, name));
    }

    /** Every stored object in a namespace, of any kind. */
    List<String> valuesInNamespace(String namespace) {
        Set<AttributeSet> keys = byNamespace.get(namespace);
        if (keys == null) {
            return List.of();
        }
        List<String> values = new java.util.ArrayList<>();
        for (AttributeSet key : keys) {
            String value = super.get(key);
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }

    /**
     * The stored objects of a kind matching {@code query}, in one namespace or (null) in every
     * namespace and cluster-wide.
     */
    List<String> matching(AttributeSet query, String plural, String version, @Nullable String namespace) {
        List<String> items = new ArrayList<>();
        collect(items, query, keysIn(plural, version, namespace == null ? ALL_NAMESPACES : namespace));
        if (namespace == null) {
            // cluster-scoped kinds live under "" rather than "*"
            collect(items, query, keysIn(plural, version, ""));
        }
        return items;
    }

    private void collect(List<String> items, AttributeSet query, List<AttributeSet> keys) {
        for (AttributeSet key : keys) {
            String value = get(key);
            if (value != null && key.matches(query)) {
                items.add(value);
            }
        }
    }

    List<AttributeSet> keysIn(String plural, String version, String namespace) {
        Set<AttributeSet> keys = byCollection.get(collection(plural, version, namespace));
        return keys == null ? List.of() : List.copyOf(keys);
    }
}

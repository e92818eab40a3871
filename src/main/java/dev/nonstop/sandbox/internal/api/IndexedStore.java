package dev.nonstop.sandbox.internal.api;

import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import java.util.List;
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
    }

    /** The index entries of one stored key: its identity and the collections it belongs to. */
    private record Entries(String identity, List<String> collections) {
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
        return new Entries(identity(plural, version, namespace, name), collections);
    }

    private void index(AttributeSet key) {
        Entries entries = entries(key);
        if (entries != null) {
            byIdentity.put(entries.identity(), key);
            entries.collections().forEach(c -> byCollection.computeIfAbsent(c, k -> ConcurrentHashMap.newKeySet())
                    .add(key));
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
        }
    }

    @Nullable AttributeSet keyOf(String plural, String version, @Nullable String namespace, String name) {
        return byIdentity.get(identity(plural, version, namespace, name));
    }

    List<AttributeSet> keysIn(String plural, String version, String namespace) {
        Set<AttributeSet> keys = byCollection.get(collection(plural, version, namespace));
        return keys == null ? List.of() : List.copyOf(keys);
    }
}

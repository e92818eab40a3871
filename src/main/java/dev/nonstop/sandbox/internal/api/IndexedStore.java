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

    private void index(AttributeSet key) {
        String plural = value(key, "plural");
        String version = value(key, "version");
        String name = value(key, "name");
        if (plural == null || version == null || name == null) {
            return;
        }
        String namespace = value(key, "namespace");
        byIdentity.put(identity(plural, version, namespace, name), key);
        byCollection.computeIfAbsent(collection(plural, version, namespace == null ? "" : namespace),
                k -> ConcurrentHashMap.newKeySet()).add(key);
        if (namespace != null) {
            byCollection.computeIfAbsent(collection(plural, version, ALL_NAMESPACES),
                    k -> ConcurrentHashMap.newKeySet()).add(key);
        }
    }

    private void unindex(AttributeSet key) {
        String plural = value(key, "plural");
        String version = value(key, "version");
        String name = value(key, "name");
        if (plural == null || version == null || name == null) {
            return;
        }
        String namespace = value(key, "namespace");
        byIdentity.remove(identity(plural, version, namespace, name), key);
        Set<AttributeSet> own = byCollection.get(collection(plural, version, namespace == null ? "" : namespace));
        if (own != null) {
            own.remove(key);
        }
        Set<AttributeSet> all = byCollection.get(collection(plural, version, ALL_NAMESPACES));
        if (all != null) {
            all.remove(key);
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

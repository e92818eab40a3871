package dev.nonstop.tenant;

import java.util.Map;

/** What deleting a tenant removed: its namespace and the objects in it, its accounts and invitations. */
public record TenantDeletion(String tenant, String namespace, Map<String, Integer> objects, int accounts,
                             int invitations) {

    public int objectCount() {
        return objects.values().stream().mapToInt(Integer::intValue).sum();
    }
}

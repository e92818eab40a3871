package dev.nonstop.sandbox.internal.api;

import io.fabric8.mockwebserver.http.MockResponse;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Refuses a new object that would take a namespace past a ResourceQuota, with the API server's
 * message: {@code pods "web-x" is forbidden: exceeded quota: compute, requested: requests.cpu=100m,
 * used: requests.cpu=1, limited: requests.cpu=1}.
 */
final class QuotaAdmission {

    private final Function<String, JsonNode> list;
    private final java.util.function.Predicate<String> hasQuota;

    /** {@code list} returns the list JSON stored at a collection path; {@code hasQuota} says cheaply whether
     * a namespace has any ResourceQuota at all. */
    QuotaAdmission(Function<String, JsonNode> list, java.util.function.Predicate<String> hasQuota) {
        this.list = list;
        this.hasQuota = hasQuota;
    }

    Optional<MockResponse> admit(String namespace, ResourcePath path, ObjectNode object) {
        if (!hasQuota.test(namespace)) {
            return Optional.empty();
        }
        JsonNode quotas = list.apply("/api/v1/namespaces/" + namespace + "/resourcequotas").path("items");
        if (quotas.isEmpty()) {
            return Optional.empty();
        }
        Map<String, BigDecimal> requested = Quotas.usageOf(object, path.plural(), path.group());
        if (requested.isEmpty()) {
            return Optional.empty();
        }
        for (JsonNode quota : quotas) {
            Map<String, BigDecimal> hard = Quotas.hard(quota);
            List<String> exceeded = new ArrayList<>();
            Map<String, BigDecimal> used = usedIn(namespace, hard);
            for (var limit : hard.entrySet()) {
                BigDecimal asked = requested.get(limit.getKey());
                if (asked != null && used.get(limit.getKey()).add(asked).compareTo(limit.getValue()) > 0) {
                    exceeded.add(limit.getKey());
                }
            }
            if (!exceeded.isEmpty()) {
                String name = object.path("metadata").path("name").asString("");
                String message = path.plural() + " \"" + name + "\" is forbidden: exceeded quota: "
                        + quota.path("metadata").path("name").asString("") + ", requested: "
                        + join(exceeded, requested) + ", used: " + join(exceeded, used) + ", limited: "
                        + join(exceeded, hard);
                return Optional.of(ApiStatus.failure(403, "Forbidden", message));
            }
        }
        return Optional.empty();
    }

    private Map<String, BigDecimal> usedIn(String namespace, Map<String, BigDecimal> hard) {
        List<Map<String, BigDecimal>> usages = new ArrayList<>();
        for (String plural : List.of("pods", "services", "persistentvolumeclaims")) {
            for (JsonNode item : list.apply("/api/v1/namespaces/" + namespace + "/" + plural).path("items")) {
                usages.add(Quotas.usageOf(item, plural, ""));
            }
        }
        return Quotas.used(hard.keySet(), usages);
    }

    private static String join(List<String> resources, Map<String, BigDecimal> amounts) {
        return String.join(",", resources.stream()
                .map(r -> r + "=" + Quotas.format(r, amounts.getOrDefault(r, BigDecimal.ZERO))).toList());
    }
}

package dev.nonstop.sandbox.internal.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Server-side printing: kubectl asks for {@code as=Table} and shows the columns the server chooses.
 * Pods, nodes and Deployments get their usual columns; other kinds get NAME and AGE.
 */
final class Tables {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Tables() {
    }

    static boolean wanted(String accept) {
        return accept != null && accept.contains("as=Table");
    }

    /** The Table for a list or single object, with ages measured at {@code now}. */
    static String of(JsonNode listOrObject, String plural, Instant now) {
        ObjectNode table = JSON.objectNode();
        table.put("kind", "Table");
        table.put("apiVersion", "meta.k8s.io/v1");
        table.putObject("metadata").put("resourceVersion",
                listOrObject.path("metadata").path("resourceVersion").asString(""));
        List<String[]> columns = switch (plural) {
            case "pods" -> List.of(col("Name", 0), col("Ready", 0), col("Status", 0), col("Restarts", 0),
                    col("Age", 0), col("IP", 1), col("Node", 1));
            case "nodes" -> List.of(col("Name", 0), col("Status", 0), col("Roles", 0), col("Age", 0),
                    col("Version", 0));
            case "deployments" -> List.of(col("Name", 0), col("Ready", 0), col("Up-to-date", 0),
                    col("Available", 0), col("Age", 0));
            case "events" -> List.of(col("Last Seen", 0), col("Type", 0), col("Reason", 0), col("Object", 0),
                    col("Message", 0));
            default -> List.of(col("Name", 0), col("Age", 0));
        };
        ArrayNode definitions = table.putArray("columnDefinitions");
        for (String[] c : columns) {
            ObjectNode d = definitions.addObject();
            d.put("name", c[0]);
            d.put("type", "string");
            d.put("format", c[0].equals("Name") ? "name" : "");
            d.put("description", "");
            d.put("priority", Integer.parseInt(c[1]));
        }
        ArrayNode rows = table.putArray("rows");
        JsonNode items = listOrObject.has("items") ? listOrObject.get("items") : JSON.arrayNode().add(listOrObject);
        for (JsonNode item : items) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            for (String value : cells(item, plural, now)) {
                cells.add(value);
            }
            ObjectNode partial = row.putObject("object");
            partial.put("kind", "PartialObjectMetadata");
            partial.put("apiVersion", "meta.k8s.io/v1");
            partial.set("metadata", item.path("metadata").deepCopy());
        }
        return table.toString();
    }

    private static String[] col(String name, int priority) {
        return new String[] {name, String.valueOf(priority)};
    }

    private static List<String> cells(JsonNode o, String plural, Instant now) {
        String name = o.path("metadata").path("name").asString("");
        String age = age(o.path("metadata").path("creationTimestamp").asString(""), now);
        JsonNode status = o.path("status");
        return switch (plural) {
            case "pods" -> {
                int total = o.path("spec").path("containers").size();
                int ready = 0;
                int restarts = 0;
                String reason = status.path("phase").asString("Pending");
                for (JsonNode c : status.path("containerStatuses")) {
                    ready += c.path("ready").asBoolean(false) ? 1 : 0;
                    restarts += c.path("restartCount").asInt(0);
                    String waiting = c.path("state").path("waiting").path("reason").asString("");
                    if (!waiting.isEmpty()) {
                        reason = waiting;
                    }
                }
                yield List.of(name, ready + "/" + total, reason, String.valueOf(restarts), age,
                        status.path("podIP").asString("<none>"), o.path("spec").path("nodeName").asString("<none>"));
            }
            case "nodes" -> {
                String ready = "Unknown";
                for (JsonNode c : status.path("conditions")) {
                    if ("Ready".equals(c.path("type").asString(""))) {
                        ready = "True".equals(c.path("status").asString("")) ? "Ready" : "NotReady";
                    }
                }
                yield List.of(name, ready, "<none>", age, status.path("nodeInfo").path("kubeletVersion").asString(""));
            }
            case "deployments" -> List.of(name,
                    status.path("readyReplicas").asInt(0) + "/" + o.path("spec").path("replicas").asInt(1),
                    String.valueOf(status.path("updatedReplicas").asInt(0)),
                    String.valueOf(status.path("availableReplicas").asInt(0)), age);
            case "events" -> List.of(age(o.path("lastTimestamp").asString(""), now), o.path("type").asString(""),
                    o.path("reason").asString(""),
                    o.path("involvedObject").path("kind").asString("").toLowerCase(java.util.Locale.ROOT) + "/"
                            + o.path("involvedObject").path("name").asString(""),
                    o.path("message").asString(""));
            default -> List.of(name, age);
        };
    }

    static String age(String created, Instant now) {
        if (created.isEmpty()) {
            return "<unknown>";
        }
        Duration d = Duration.between(Instant.parse(created), now);
        if (d.isNegative()) {
            d = Duration.ZERO;
        }
        if (d.toMinutes() < 2) {
            return d.toSeconds() + "s";
        }
        if (d.toHours() < 2) {
            return d.toMinutes() + "m";
        }
        return d.toDays() < 2 ? d.toHours() + "h" : d.toDays() + "d";
    }
}

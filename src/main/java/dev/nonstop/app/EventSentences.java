package dev.nonstop.app;

import dev.nonstop.common.Message;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Kubernetes events as sentences people read: "Replica abcde started on server node-1 in zone a",
 * "No server had room for a new replica". The raw reason and message stay available as the detail.
 * Reasons without a sentence of their own are shown with their reason and message as they came.
 */
public final class EventSentences {

    private static final Pattern ASSIGNED = Pattern.compile("Successfully assigned \\S+/(\\S+) to (\\S+)");
    private static final Pattern POD = Pattern.compile("(?:Created|Deleted) pod: (\\S+)");
    private static final Pattern SCALED = Pattern.compile("Scaled (up|down) replica set \\S+ (?:from \\d+ )?to (\\d+)");
    private static final Pattern NEW_SIZE = Pattern.compile("New size: (\\d+)");

    private EventSentences() {
    }

    /**
     * The sentence for one event about an app: {@code kind}/{@code name} is the object it is about,
     * {@code zoneOfNode} says where servers are.
     */
    public static Message of(String reason, String kind, String name, String message, Map<String, String> zoneOfNode) {
        String text = message == null ? "" : message;
        return switch (reason) {
            case "Scheduled" -> {
                Matcher m = ASSIGNED.matcher(text);
                if (m.find()) {
                    String node = m.group(2);
                    yield Message.of("app.event.scheduled", replica(m.group(1)), node,
                            zoneOfNode.getOrDefault(node, "-"));
                }
                yield Message.of("app.event.scheduled-somewhere", replica(name));
            }
            case "Pulling", "Pulled", "Created" -> Message.of("app.event.preparing", replica(name));
            case "Started" -> Message.of("app.event.started", replica(name));
            case "Killing" -> Message.of("app.event.stopping", replica(name));
            case "SuccessfulCreate" -> {
                Matcher m = POD.matcher(text);
                yield Message.of("app.event.replica-created", m.find() ? replica(m.group(1)) : "");
            }
            case "SuccessfulDelete" -> {
                Matcher m = POD.matcher(text);
                yield Message.of("app.event.replica-removed", m.find() ? replica(m.group(1)) : "");
            }
            case "ScalingReplicaSet" -> {
                Matcher m = SCALED.matcher(text);
                yield m.find() ? Message.of("up".equals(m.group(1)) ? "app.event.scaled-up" : "app.event.scaled-down",
                        Integer.parseInt(m.group(2))) : other(reason, text);
            }
            case "SuccessfulRescale" -> {
                Matcher m = NEW_SIZE.matcher(text);
                yield m.find() ? Message.of("app.event.autoscaled", Integer.parseInt(m.group(1))) : other(reason, text);
            }
            case "FailedScheduling" -> Message.of("app.event.no-room", replica(name));
            case "FailedCreate" -> Message.of("app.event.not-created");
            case "BackOff" -> Message.of("app.event.crashing", replica(name));
            case "Unhealthy" -> Message.of("app.event.unhealthy", replica(name));
            case "TaintManagerEviction" -> Message.of("app.event.moved-off-lost-server", replica(name));
            default -> other(reason, text);
        };
    }

    private static Message other(String reason, String message) {
        return Message.of("app.event.other", reason, message);
    }

    /** A pod's name as users can tell replicas apart: the part Kubernetes made up ("web-7d9f-x2k4p" → "x2k4p"). */
    static String replica(@Nullable String pod) {
        if (pod == null || pod.isEmpty()) {
            return "";
        }
        int dash = pod.lastIndexOf('-');
        return dash < 0 || dash == pod.length() - 1 ? pod : pod.substring(dash + 1);
    }
}

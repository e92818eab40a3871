package dev.nonstop.common;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@link Message} as the database keeps it (an app's notice, why a build was not deployed): its key
 * and arguments (strings, numbers, nested messages) as JSON, so each reader gets it in their own
 * language. Text stored before these were messages (plain English) comes back as a "plain" message
 * that shows it as it is.
 */
public final class MessageJson {

    public static final int MAX = 500;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private MessageJson() {
    }

    public static @Nullable String write(@Nullable Message message) {
        if (message == null) {
            return null;
        }
        String json = node(message).toString();
        return json.length() <= MAX ? json : node(Message.of("common.message-too-long")).toString();
    }

    public static @Nullable Message read(@Nullable String stored) {
        if (stored == null || stored.isBlank()) {
            return null;
        }
        if (!stored.startsWith("{")) {
            return Message.of("common.plain", stored);
        }
        try {
            return message(JSON.readTree(stored));
        } catch (RuntimeException unreadable) {
            return Message.of("common.plain", stored);
        }
    }

    private static ObjectNode node(Message message) {
        ObjectNode node = JSON.createObjectNode();
        node.put("k", message.key());
        ArrayNode args = node.putArray("a");
        for (Object arg : message.args()) {
            if (arg instanceof Message nested) {
                args.add(node(nested));
            } else if (arg instanceof List<?> list) {
                ArrayNode items = args.addArray();
                list.forEach(item -> items.add(item instanceof Message m ? node(m) : JSON.valueToTree(item)));
            } else if (arg instanceof Number number) {
                args.add(number.longValue());
            } else {
                args.add(String.valueOf(arg));
            }
        }
        return node;
    }

    private static Message message(JsonNode node) {
        List<Object> args = new ArrayList<>();
        for (JsonNode arg : node.path("a")) {
            args.add(value(arg));
        }
        return new Message(node.path("k").asString(""), args);
    }

    private static Object value(JsonNode arg) {
        if (arg.isObject()) {
            return message(arg);
        }
        if (arg.isArray()) {
            List<Object> items = new ArrayList<>();
            arg.forEach(item -> items.add(value(item)));
            return items;
        }
        return arg.isNumber() ? (Object) arg.asLong() : arg.asString("");
    }
}

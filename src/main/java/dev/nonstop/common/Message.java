package dev.nonstop.common;

import java.util.List;

/**
 * A piece of text to be said in the user's language: a message key and its arguments, which may be
 * messages themselves (or lists of them, joined). Services build these; only views translate them.
 */
public record Message(String key, List<Object> args) {

    public Message {
        args = List.copyOf(args);
    }

    public static Message of(String key, Object... args) {
        return new Message(key, List.of(args));
    }
}

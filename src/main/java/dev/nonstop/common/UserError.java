package dev.nonstop.common;

import java.util.List;

/**
 * A refusal the user can act on. Carries a message-bundle key and its arguments so that the UI
 * says it in the user's language; {@link #getMessage()} is the English-ish key form for logs.
 */
public class UserError extends RuntimeException {

    private final String key;
    private final List<Object> args;

    public UserError(String key, Object... args) {
        super(key + " " + List.of(args));
        this.key = key;
        this.args = List.of(args);
    }

    public String key() {
        return key;
    }

    public Object[] args() {
        return args.toArray();
    }

    /** The refusal as a message, to keep or to pass on inside another message. */
    public Message message() {
        return new Message(key, args);
    }
}

package dev.nonstop.common;

/**
 * The thing asked for does not exist for the caller. Another tenant's app, build or source gets this
 * same answer as one that never existed, so probing ids tells nobody which exist.
 */
public class NotFound extends UserError {

    public NotFound(String key, Object... args) {
        super(key, args);
    }
}

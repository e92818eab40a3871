package dev.nonstop.source;

import dev.nonstop.common.UserError;

/** A source URL or ref refused by the policy, with the reason as a message key. */
public class SourceRefused extends UserError {

    public SourceRefused(String key, Object... args) {
        super(key, args);
    }
}

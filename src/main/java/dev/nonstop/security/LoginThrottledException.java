package dev.nonstop.security;

import java.time.Instant;
import org.springframework.security.core.AuthenticationException;

/** Login refused because of too many failures; {@link #retryAt()} is when to try again. */
public class LoginThrottledException extends AuthenticationException {

    private final Instant retryAt;

    public LoginThrottledException(Instant retryAt) {
        super("Too many failed logins; try again at " + retryAt);
        this.retryAt = retryAt;
    }

    public Instant retryAt() {
        return retryAt;
    }
}

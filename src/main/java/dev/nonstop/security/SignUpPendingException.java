package dev.nonstop.security;

import org.springframework.security.core.AuthenticationException;

/** Login refused because the account's sign-up still waits for a platform admin's approval. */
public class SignUpPendingException extends AuthenticationException {

    public SignUpPendingException() {
        super("Sign-up waiting for approval");
    }
}

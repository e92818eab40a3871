package dev.nonstop.security;

import dev.nonstop.common.Email;

/** What a sign-up led to: an account that can sign in now, or a request waiting for an admin. */
public record SignUpOutcome(Email email, boolean pending) {
}

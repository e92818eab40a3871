package dev.nonstop.tenant;

import dev.nonstop.common.Email;
import java.time.Instant;

/**
 * An invitation just created. {@code token} is shown once, inside the link the owner passes on;
 * only its hash is stored.
 */
public record Invitation(Email email, String token, Instant expiresAt) {

    public String path() {
        return "invite/" + token;
    }

    @Override
    public String toString() {
        return "Invitation[email=" + email + ", expiresAt=" + expiresAt + "]";
    }
}

package dev.nonstop.tenant;

import dev.nonstop.common.Email;
import java.time.Instant;

/** What the invitation page shows before the invitee chooses a password. */
public record PendingInvitation(String tenantName, Email email, Instant expiresAt) {
}

package dev.nonstop.security;

import dev.nonstop.common.Email;

/** Who is calling: their account, their tenant and their roles. */
public record CurrentUser(long userId, Email email, String displayName, long tenantId, Role role, boolean admin) {

    public boolean isOwner() {
        return role == Role.OWNER;
    }
}

package dev.nonstop.security;

/** A member's role in their tenant. Platform administrators are marked separately on the account. */
public enum Role {
    /** Signed the tenant up (or was made owner): manages members and the tenant's settings. */
    OWNER,
    /** Invited by an owner: works with the tenant's apps. */
    MEMBER;

    public String authority() {
        return "ROLE_" + name();
    }

    public static final String ADMIN_AUTHORITY = "ROLE_ADMIN";
}

package dev.nonstop.security;

/** Who may create a company (a tenant) on this portal; a platform admin chooses. */
public enum SignUpMode {
    /** Anyone may sign up (throttled per address and overall). */
    OPEN,
    /** Anyone may ask; an admin approves before the account, tenant and namespace exist. */
    APPROVAL,
    /** Only with a one-time sign-up link an admin made. Invitations into an existing company work as ever. */
    INVITATION
}

package dev.nonstop.common;

/** The caller may not see or change what it asked for (another tenant's data, an admin action). */
public class AccessDenied extends UserError {

    public AccessDenied() {
        super("error.access-denied");
    }
}

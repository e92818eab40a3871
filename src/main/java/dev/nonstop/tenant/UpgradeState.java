package dev.nonstop.tenant;

/** Where an upgrade request stands. */
public enum UpgradeState {
    PENDING, APPROVED, DENIED
}

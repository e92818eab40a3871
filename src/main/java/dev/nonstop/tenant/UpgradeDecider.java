package dev.nonstop.tenant;

/**
 * Who decided an upgrade request: a platform admin today; a payment provider (say, a checkout
 * webhook that confirmed payment) can decide through the same {@link UpgradeService#decide} later.
 */
public record UpgradeDecider(Kind kind, String who) {

    public enum Kind {
        ADMIN, PAYMENT
    }

    public static UpgradeDecider admin(String email) {
        return new UpgradeDecider(Kind.ADMIN, email);
    }

    public static UpgradeDecider payment(String provider, String reference) {
        return new UpgradeDecider(Kind.PAYMENT, provider + ":" + reference);
    }

    @Override
    public String toString() {
        return kind == Kind.ADMIN ? who : "payment " + who;
    }
}

package dev.nonstop.app;

import dev.nonstop.common.UserError;
import java.util.List;

/**
 * A deploy, scale or size change the tenant's quota cannot hold: which resources fall short and by
 * how much, and the ways out that would fit.
 */
public class QuotaRefused extends UserError {

    private final QuotaCheck.Result result;

    public QuotaRefused(QuotaCheck.Result result, boolean canUpgrade) {
        super("app.quota.refused", String.join("; ", result.shortfalls().stream().map(s -> s.resource() + ": needs "
                        + s.format(s.needed()) + ", free " + s.format(s.free()) + ", short by "
                        + s.format(s.missing())).toList()),
                String.join("; ", ways(result, canUpgrade)));
        this.result = result;
    }

    private static List<String> ways(QuotaCheck.Result result, boolean canUpgrade) {
        List<String> ways = new java.util.ArrayList<>();
        result.smallerSizeFits().ifPresent(size -> ways.add("size " + size + " fits"));
        result.fewerReplicasFit().ifPresent(n -> ways.add(n + " replicas fit"));
        ways.add("stop another app");
        if (canUpgrade) {
            ways.add("ask for the Paid tier");
        }
        return ways;
    }

    public QuotaCheck.Result result() {
        return result;
    }
}

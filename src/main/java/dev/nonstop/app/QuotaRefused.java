package dev.nonstop.app;

import dev.nonstop.common.Message;
import dev.nonstop.common.UserError;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deploy, scale or size change the tenant's plan cannot hold, said in the user's terms: how many
 * replicas of which size, what they need in reserve (one extra replica during an update counted), what
 * the plan has left — in CPU, memory, replicas and objects — and the ways out that would fit.
 */
public class QuotaRefused extends UserError {

    private static final BigDecimal MIB = BigDecimal.valueOf(1024L * 1024);
    private final QuotaCheck.Result result;

    public QuotaRefused(QuotaCheck.Result result, QuotaCheck.Change change, boolean canUpgrade) {
        super("app.quota.refused", change.newReplicas(), change.newSize().name(), shortfalls(result), ways(result,
                canUpgrade));
        this.result = result;
    }

    /** One sentence per thing that falls short; CPU and memory once each (requests or limits, the worse). */
    static List<Message> shortfalls(QuotaCheck.Result result) {
        Map<String, QuotaCheck.Shortfall> worst = new LinkedHashMap<>();
        for (QuotaCheck.Shortfall s : result.shortfalls()) {
            String kind = s.resource().endsWith("cpu") ? "cpu" : s.resource().endsWith("memory") ? "memory"
                    : s.resource();
            QuotaCheck.Shortfall before = worst.get(kind);
            if (before == null || ratio(s).compareTo(ratio(before)) > 0) {
                worst.put(kind, s);
            }
        }
        List<Message> sentences = new ArrayList<>();
        worst.forEach((kind, s) -> sentences.add(switch (kind) {
            case "cpu" -> Message.of("app.quota.short.cpu", cores(s.needed()), cores(s.free()));
            case "memory" -> Message.of("app.quota.short.memory", memory(s.needed()), memory(s.free()));
            case "pods" -> Message.of("app.quota.short.pods", s.needed().intValue(), s.free().intValue());
            default -> Message.of("app.quota.short.objects", Message.of("app.quota.object." + kind),
                    s.free().intValue());
        }));
        return sentences;
    }

    private static List<Message> ways(QuotaCheck.Result result, boolean canUpgrade) {
        List<Message> ways = new ArrayList<>();
        result.smallerSizeFits().ifPresent(size -> ways.add(Message.of("app.quota.way.size", size.name())));
        result.fewerReplicasFit().ifPresent(n -> ways.add(Message.of("app.quota.way.replicas", n)));
        ways.add(Message.of("app.quota.way.stop"));
        if (canUpgrade) {
            ways.add(Message.of("app.quota.way.upgrade"));
        }
        return ways;
    }

    private static BigDecimal ratio(QuotaCheck.Shortfall s) {
        return s.needed().signum() == 0 ? BigDecimal.ZERO : s.missing().divide(s.needed(), 6, RoundingMode.HALF_UP);
    }

    /** CPU cores as people read them: "0.75", "1", "1.5". */
    static String cores(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** Memory as people read it: "640 MiB", "1.5 GiB". */
    static String memory(BigDecimal bytes) {
        BigDecimal mib = bytes.divide(MIB, 0, RoundingMode.CEILING);
        if (mib.compareTo(BigDecimal.valueOf(1024)) >= 0) {
            return mib.divide(BigDecimal.valueOf(1024), 2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString()
                    + " GiB";
        }
        return mib.toPlainString() + " MiB";
    }

    public QuotaCheck.Result result() {
        return result;
    }
}

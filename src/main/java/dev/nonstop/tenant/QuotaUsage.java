package dev.nonstop.tenant;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** How much of one quota resource a tenant uses, as the cluster reports it. */
public record QuotaUsage(String resource, String used, String hard, BigDecimal usedAmount, BigDecimal hardAmount) {

    /** Used as a share of hard, 0..100 and more when over (a quota lowered below what runs). */
    public int percent() {
        if (hardAmount.signum() == 0) {
            return usedAmount.signum() == 0 ? 0 : 100;
        }
        return usedAmount.multiply(BigDecimal.valueOf(100)).divide(hardAmount, 0, RoundingMode.HALF_UP).intValue();
    }
}

package dev.nonstop.tenant;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** How much of one quota resource a tenant uses, as the cluster reports it. */
public record QuotaUsage(String resource, String used, String hard, BigDecimal usedAmount, BigDecimal hardAmount) {

    /**
     * Used and hard as people read them, in one unit for both: CPU in cores ("0.35", "2"), memory in
     * MiB or GiB as hard is sized ("384 MiB" of "2048 MiB", "1.5 GiB" of "18 GiB"), counts as counts.
     */
    public String[] shown() {
        if (resource.endsWith("cpu")) {
            return new String[] {plain(usedAmount, 2), plain(hardAmount, 2) + " CPU"};
        }
        if (resource.endsWith("memory") || resource.endsWith("storage")) {
            BigDecimal gib = BigDecimal.valueOf(1024L * 1024 * 1024);
            BigDecimal mib = BigDecimal.valueOf(1024L * 1024);
            boolean large = hardAmount.compareTo(BigDecimal.valueOf(4).multiply(gib)) >= 0;
            BigDecimal unit = large ? gib : mib;
            String suffix = large ? " GiB" : " MiB";
            return new String[] {plain(usedAmount.divide(unit, 2, RoundingMode.HALF_UP), large ? 1 : 0),
                plain(hardAmount.divide(unit, 2, RoundingMode.HALF_UP), large ? 1 : 0) + suffix};
        }
        return new String[] {plain(usedAmount, 0), plain(hardAmount, 0)};
    }

    private static String plain(BigDecimal amount, int scale) {
        return amount.setScale(scale, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** Used as a share of hard, 0..100 and more when over (a quota lowered below what runs). */
    public int percent() {
        if (hardAmount.signum() == 0) {
            return usedAmount.signum() == 0 ? 0 : 100;
        }
        return usedAmount.multiply(BigDecimal.valueOf(100)).divide(hardAmount, 0, RoundingMode.HALF_UP).intValue();
    }
}

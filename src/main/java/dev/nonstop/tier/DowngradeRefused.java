package dev.nonstop.tier;

import dev.nonstop.common.UserError;
import java.util.List;

/**
 * A change of limits refused because running apps would be over the new quota; the admin sees the
 * numbers and may confirm scaling the apps down instead.
 */
public class DowngradeRefused extends UserError {

    private final List<QuotaOverage> overages;

    public DowngradeRefused(List<QuotaOverage> overages) {
        super("tier.downgrade.refused", overages.stream().map(QuotaOverage::tenant).distinct().count(),
                String.join(" · ", overages.stream().map(QuotaOverage::toString).toList()));
        this.overages = List.copyOf(overages);
    }

    public List<QuotaOverage> overages() {
        return overages;
    }
}

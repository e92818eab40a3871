package dev.nonstop.tier.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import dev.nonstop.tier.TierLimits;

/** A tier's limits as label/value rows, in the user's language. */
public class TierLimitsPanel extends Div {

    public TierLimitsPanel(TierLimits limits) {
        addClassNames("nonstop-limits");
        com.vaadin.flow.component.html.Paragraph promise = new com.vaadin.flow.component.html.Paragraph(
                dev.nonstop.uikit.Messages.of(this, limits.promise()));
        promise.setId("tier-promise");
        add(promise);
        row("tier.field.maxApps", limits.maxApps());
        row("tier.field.replicas", limits.minReplicas() + "–" + limits.maxReplicas());
        row("tier.field.largestSize", limits.largestSize().name());
        row("tier.field.quotaCpu", cores(limits.quotaCpuRequestsMilli()) + " / " + cores(limits.quotaCpuLimitsMilli())
                + " CPU");
        row("tier.field.quotaMemory", memory(limits.quotaMemoryRequestsMib()) + " / "
                + memory(limits.quotaMemoryLimitsMib()));
        row("tier.field.quotaPods", limits.quotaPods());
        row("tier.field.quotaServices", limits.quotaServices());
        row("tier.field.quotaPersistentVolumeClaims", limits.quotaPersistentVolumeClaims());
        row("tier.field.quotaConfigObjects", limits.quotaConfigObjects());
        row("tier.field.buildsPerDay", limits.buildsPerDay());
        row("tier.field.concurrentBuilds", limits.concurrentBuilds());
        row("tier.field.inspectionsPerHour", limits.inspectionsPerHour());
        row("tier.field.assistantMessagesPerHour", limits.assistantMessagesPerHour());
        row("tier.field.zonesPromised", getTranslation(limits.zonesPromised() ? "common.yes" : "common.no"));
    }

    /** 1500 milli-cores → "1.5". */
    static String cores(int milli) {
        return java.math.BigDecimal.valueOf(milli).movePointLeft(3).stripTrailingZeros().toPlainString();
    }

    /** MiB as people read them: "512 MiB", "2 GiB", "18 GiB". */
    static String memory(int mib) {
        return mib < 1024 ? mib + " MiB" : java.math.BigDecimal.valueOf(mib).divide(java.math.BigDecimal.valueOf(1024),
                1, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + " GiB";
    }

    private void row(String key, Object value) {
        Div row = new Div(new Span(getTranslation(key)), new Span(String.valueOf(value)));
        row.addClassNames("nonstop-limits-row");
        add(row);
    }
}

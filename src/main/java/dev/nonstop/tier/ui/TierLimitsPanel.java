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
        row("tier.field.quotaCpu", limits.quotaCpuRequestsMilli() + "m / " + limits.quotaCpuLimitsMilli() + "m");
        row("tier.field.quotaMemory", limits.quotaMemoryRequestsMib() + " MiB / " + limits.quotaMemoryLimitsMib()
                + " MiB");
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

    private void row(String key, Object value) {
        Div row = new Div(new Span(getTranslation(key)), new Span(String.valueOf(value)));
        row.addClassNames("nonstop-limits-row");
        add(row);
    }
}

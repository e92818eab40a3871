package dev.nonstop.tenant.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.progressbar.ProgressBar;
import dev.nonstop.tenant.QuotaUsage;
import dev.nonstop.tenant.TenantService;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Used / hard per quota resource as bars with percentages, redrawn through Push whenever the quota
 * informer sees the tenant's quota change (no polling).
 */
public class QuotaUsagePanel extends Div {

    private final TenantService tenants;
    private final long tenantId;
    private Runnable unsubscribe = () -> { };
    private final AtomicBoolean redrawQueued = new AtomicBoolean();

    public QuotaUsagePanel(TenantService tenants, long tenantId) {
        this.tenants = tenants;
        this.tenantId = tenantId;
        setId("quota-usage");
        addClassNames("nonstop-usage");
        setWidthFull();
        refresh();
    }

    void refresh() {
        removeAll();
        List<QuotaUsage> usage = tenants.usage(tenantId);
        if (usage.isEmpty()) {
            add(new Span(getTranslation("usage.none")));
            return;
        }
        for (QuotaUsage u : usage) {
            ProgressBar bar = new ProgressBar(0, 1, Math.min(1.0, u.percent() / 100.0));
            String[] shown = u.shown();
            Span value = new Span(getTranslation("usage.value", shown[0], shown[1], u.percent()));
            value.setId("usage-" + u.resource());
            Div row = new Div(new Span(getTranslation("quota.resource." + u.resource())), bar, value);
            row.addClassNames("nonstop-usage-row");
            if (u.percent() >= 100) {
                row.addClassNames("over");
            }
            add(row);
        }
    }

    @Override
    protected void onAttach(AttachEvent attach) {
        UI ui = attach.getUI();
        // A burst of quota changes becomes one redraw: only one is queued at a time.
        unsubscribe = tenants.subscribeUsage(tenantId, () -> {
            if (redrawQueued.compareAndSet(false, true)) {
                ui.access(() -> {
                    redrawQueued.set(false);
                    refresh();
                });
            }
        });
    }

    @Override
    protected void onDetach(DetachEvent detach) {
        unsubscribe.run();
    }
}

package dev.nonstop.tenant.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import dev.nonstop.common.UserError;
import dev.nonstop.tenant.TenantService;
import dev.nonstop.tenant.TenantSummary;
import dev.nonstop.tier.DowngradeRefused;
import dev.nonstop.tier.TierCode;
import dev.nonstop.tier.ui.DowngradeDialog;
import dev.nonstop.uikit.Messages;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Admins see every tenant (tier, members, live quota usage, created), sort by usage, move tenants
 * between tiers (a downgrade that running apps would exceed shows the numbers first) and delete them.
 */
@Route("admin/tenants")
@RolesAllowed("ADMIN")
public class TenantAdminView extends VerticalLayout implements HasDynamicTitle {

    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneOffset.UTC);
    private final TenantService tenants;
    final Grid<TenantSummary> grid = new Grid<>();
    final Grid.Column<TenantSummary> usageColumn;
    private Runnable unsubscribe = () -> { };
    private final AtomicBoolean refreshQueued = new AtomicBoolean();

    TenantAdminView(TenantService tenants) {
        this.tenants = tenants;
        grid.setId("tenants");
        grid.addColumn(t -> t.slug().value()).setHeader(getTranslation("field.slug")).setSortable(true);
        grid.addColumn(TenantSummary::name).setHeader(getTranslation("field.company-name")).setSortable(true);
        grid.addComponentColumn(this::tierSelect).setHeader(getTranslation("admin.tenants.tier"));
        grid.addColumn(TenantSummary::members).setHeader(getTranslation("admin.tenants.members")).setSortable(true);
        usageColumn = grid.addColumn(t -> t.peakUsage() + "%").setHeader(getTranslation("admin.tenants.usage"))
                .setComparator(Comparator.comparingInt(TenantSummary::peakUsage)).setSortable(true)
                .setTooltipGenerator(this::usageDetail);
        grid.addColumn(t -> CREATED.format(t.createdAt())).setHeader(getTranslation("admin.tenants.created"))
                .setSortable(true);
        grid.addComponentColumn(this::deleteButton);
        add(grid);
        setSizeFull();
        refresh();
    }

    private String usageDetail(TenantSummary tenant) {
        return tenant.usage().stream().map(u -> getTranslation("quota.resource." + u.resource()) + " "
                + getTranslation("usage.value", u.used(), u.hard(), u.percent())).collect(Collectors.joining("\n"));
    }

    private Select<TierCode> tierSelect(TenantSummary tenant) {
        Select<TierCode> select = new Select<>();
        select.setItems(TierCode.values());
        select.setValue(tenant.tier());
        select.setId("tier-of-" + tenant.slug().value());
        select.addValueChangeListener(e -> {
            if (!e.isFromClient() || e.getValue() == null || e.getValue() == e.getOldValue()) {
                return;
            }
            ConfirmDialog confirm = new ConfirmDialog(getTranslation("admin.tenants.confirm.title"),
                    getTranslation("admin.tenants.confirm.text", tenant.slug().value(), e.getOldValue().name(),
                            e.getValue().name()),
                    getTranslation("common.confirm"), ok -> changeTier(tenant, e.getValue()),
                    getTranslation("common.cancel"), cancel -> select.setValue(e.getOldValue()));
            confirm.open();
        });
        return select;
    }

    private Button deleteButton(TenantSummary tenant) {
        Button delete = new Button(getTranslation("tenant.delete.button"));
        delete.setId("delete-" + tenant.slug().value());
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        delete.addClickListener(e -> confirmDelete(tenant));
        return delete;
    }

    void confirmDelete(TenantSummary tenant) {
        new DeleteTenantDialog(tenants, tenant.id(), tenant.name(), deleted -> refresh()).open();
    }

    /** Changes the tier; a refused downgrade shows who uses what and offers to scale the apps down. */
    void changeTier(TenantSummary tenant, TierCode target) {
        try {
            tenants.changeTier(tenant.id(), target);
            Messages.success(getTranslation("admin.tenants.changed", tenant.slug().value(), target.name()));
        } catch (DowngradeRefused refused) {
            downgradeDialog(tenant, target, refused).open();
        } catch (UserError refused) {
            Messages.error(this, refused);
        }
        refresh();
    }

    ConfirmDialog downgradeDialog(TenantSummary tenant, TierCode target, DowngradeRefused refused) {
        return new DowngradeDialog("downgrade-dialog", getTranslation("downgrade.title", tenant.slug().value(),
                target.name()), refused, () -> {
                    try {
                        tenants.changeTier(tenant.id(), target, true);
                        Messages.success(getTranslation("admin.tenants.changed", tenant.slug().value(),
                                target.name()));
                    } catch (UserError again) {
                        Messages.error(this, again);
                    }
                    refresh();
                });
    }

    void refresh() {
        grid.setItems(tenants.all());
    }

    @Override
    protected void onAttach(AttachEvent attach) {
        UI ui = attach.getUI();
        unsubscribe = tenants.subscribeAllUsage(() -> {
            if (refreshQueued.compareAndSet(false, true)) {
                ui.access(() -> {
                    refreshQueued.set(false);
                    refresh();
                });
            }
        });
    }

    @Override
    protected void onDetach(DetachEvent detach) {
        unsubscribe.run();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.admin.tenants") + " · Nonstop";
    }
}

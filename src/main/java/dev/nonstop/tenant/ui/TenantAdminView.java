package dev.nonstop.tenant.ui;

import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import dev.nonstop.common.UserError;
import dev.nonstop.tenant.TenantService;
import dev.nonstop.tenant.TenantSummary;
import dev.nonstop.tier.TierCode;
import dev.nonstop.uikit.Messages;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Admins see every tenant (tier, members, created) and move tenants between tiers. */
@Route("admin/tenants")
@RolesAllowed("ADMIN")
public class TenantAdminView extends VerticalLayout implements HasDynamicTitle {

    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneOffset.UTC);
    private final TenantService tenants;
    final Grid<TenantSummary> grid = new Grid<>();

    TenantAdminView(TenantService tenants) {
        this.tenants = tenants;
        grid.setId("tenants");
        grid.addColumn(t -> t.slug().value()).setHeader(getTranslation("field.slug")).setSortable(true);
        grid.addColumn(TenantSummary::name).setHeader(getTranslation("field.company-name")).setSortable(true);
        grid.addComponentColumn(this::tierSelect).setHeader(getTranslation("admin.tenants.tier"));
        grid.addColumn(TenantSummary::members).setHeader(getTranslation("admin.tenants.members")).setSortable(true);
        grid.addColumn(t -> CREATED.format(t.createdAt())).setHeader(getTranslation("admin.tenants.created"))
                .setSortable(true);
        add(grid);
        setSizeFull();
        refresh();
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

    void changeTier(TenantSummary tenant, TierCode target) {
        try {
            tenants.changeTier(tenant.id(), target);
            Messages.success(getTranslation("admin.tenants.changed", tenant.slug().value(), target.name()));
        } catch (UserError refused) {
            Messages.error(this, refused);
        }
        refresh();
    }

    private void refresh() {
        grid.setItems(tenants.all());
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.admin.tenants") + " · Nonstop";
    }
}

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
import dev.nonstop.uikit.PhoneList;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Admins see every tenant (tier, members, live quota usage, created), search and sort them, move a
 * tenant to another tier through an explicit dialog (a downgrade that running apps would exceed shows
 * the numbers first) and delete them.
 */
@Route("admin/tenants")
@RolesAllowed("ADMIN")
public class TenantAdminView extends VerticalLayout implements HasDynamicTitle {

    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneOffset.UTC);
    private final TenantService tenants;
    final Grid<TenantSummary> grid = new Grid<>();
    final com.vaadin.flow.component.textfield.TextField search = new com.vaadin.flow.component.textfield.TextField();
    final com.vaadin.flow.component.html.Span count = new com.vaadin.flow.component.html.Span();
    private java.util.List<TenantSummary> all = java.util.List.of();
    final Grid.Column<TenantSummary> usageColumn;
    private Runnable unsubscribe = () -> { };
    private final AtomicBoolean refreshQueued = new AtomicBoolean();

    TenantAdminView(TenantService tenants) {
        this.tenants = tenants;
        grid.setId("tenants");
        PhoneList.column(grid, t -> t.slug().value()).setHeader(getTranslation("field.slug")).setSortable(true)
                .setAutoWidth(true).setComparator(t -> t.slug().value());
        PhoneList.column(grid, TenantSummary::name).setHeader(getTranslation("field.company-name")).setSortable(true)
                .setAutoWidth(true).setFlexGrow(2).setTooltipGenerator(TenantSummary::name)
                .setComparator(TenantSummary::name);
        PhoneList.column(grid, t -> getTranslation("tier.name." + t.tier().name())).setHeader(getTranslation(
                "admin.tenants.tier")).setSortable(true).setComparator(t -> t.tier().name());
        PhoneList.column(grid, TenantSummary::members).setHeader(getTranslation("admin.tenants.members")).setSortable(true);
        usageColumn = PhoneList.column(grid, t -> t.peakUsage() + "%").setHeader(getTranslation("admin.tenants.usage"))
                .setComparator(Comparator.comparingInt(TenantSummary::peakUsage)).setSortable(true)
                .setTooltipGenerator(this::usageDetail);
        PhoneList.column(grid, t -> CREATED.format(t.createdAt())).setHeader(getTranslation("admin.tenants.created"))
                .setSortable(true);
        PhoneList.componentColumn(grid, this::actions);
        search.setPlaceholder(getTranslation("admin.tenants.search"));
        search.setId("tenants-search");
        search.setClearButtonVisible(true);
        search.setValueChangeMode(com.vaadin.flow.data.value.ValueChangeMode.LAZY);
        search.setPrefixComponent(com.vaadin.flow.component.icon.VaadinIcon.SEARCH.create());
        search.addValueChangeListener(e -> filter());
        count.setId("tenants-count");
        com.vaadin.flow.component.orderedlayout.HorizontalLayout tools =
                new com.vaadin.flow.component.orderedlayout.HorizontalLayout(search, count);
        tools.setAlignItems(Alignment.BASELINE);
        tools.setWrap(true);
        add(new com.vaadin.flow.component.html.H2(getTranslation("admin.tenants.title")), tools, grid);
        setSizeFull();
        refresh();
    }

    private String usageDetail(TenantSummary tenant) {
        return tenant.usage().stream().map(u -> getTranslation("quota.resource." + u.resource()) + " "
                + getTranslation("usage.value", u.used(), u.hard(), u.percent())).collect(Collectors.joining("\n"));
    }

    private com.vaadin.flow.component.orderedlayout.HorizontalLayout actions(TenantSummary tenant) {
        Button change = new Button(getTranslation("admin.tenants.change-tier"), e -> tierDialog(tenant).open());
        change.setId("tier-of-" + tenant.slug().value());
        change.addThemeVariants(ButtonVariant.LUMO_SMALL);
        return new com.vaadin.flow.component.orderedlayout.HorizontalLayout(change, deleteButton(tenant));
    }

    /** The tier is changed on purpose: pick the new one, then confirm; never one misclick away. */
    com.vaadin.flow.component.dialog.Dialog tierDialog(TenantSummary tenant) {
        var dialog = new com.vaadin.flow.component.dialog.Dialog();
        dialog.setHeaderTitle(getTranslation("admin.tenants.change-tier.title", tenant.slug().value()));
        Select<TierCode> target = new Select<>();
        target.setLabel(getTranslation("admin.tenants.change-tier.to"));
        target.setItems(TierCode.values());
        target.setItemLabelGenerator(t -> getTranslation("tier.name." + t.name()));
        target.setValue(tenant.tier());
        target.setId("tier-target");
        Button confirm = new Button(getTranslation("common.confirm"), e -> {
            if (target.getValue() != null && target.getValue() != tenant.tier()) {
                dialog.close();
                changeTier(tenant, target.getValue());
            }
        });
        confirm.setId("tier-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(new com.vaadin.flow.component.html.Paragraph(getTranslation("admin.tenants.confirm.text",
                tenant.slug().value(), getTranslation("tier.name." + tenant.tier().name()), "…")), target);
        target.addValueChangeListener(e -> confirm.setEnabled(e.getValue() != null && e.getValue() != tenant.tier()));
        confirm.setEnabled(false);
        dialog.getFooter().add(new Button(getTranslation("common.cancel"), e -> dialog.close()), confirm);
        return dialog;
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
            Messages.success(getTranslation("admin.tenants.changed", tenant.slug().value(), getTranslation("tier.name." + target.name())));
        } catch (DowngradeRefused refused) {
            downgradeDialog(tenant, target, refused).open();
        } catch (UserError refused) {
            Messages.error(this, refused);
        }
        refresh();
    }

    ConfirmDialog downgradeDialog(TenantSummary tenant, TierCode target, DowngradeRefused refused) {
        return new DowngradeDialog("downgrade-dialog", getTranslation("downgrade.title", tenant.slug().value(),
                getTranslation("tier.name." + target.name())), refused, () -> {
                    try {
                        tenants.changeTier(tenant.id(), target, true);
                        Messages.success(getTranslation("admin.tenants.changed", tenant.slug().value(),
                                getTranslation("tier.name." + target.name())));
                    } catch (UserError again) {
                        Messages.error(this, again);
                    }
                    refresh();
                });
    }

    void refresh() {
        all = tenants.all();
        filter();
    }

    private void filter() {
        String term = search.getValue() == null ? "" : search.getValue().strip().toLowerCase(java.util.Locale.ROOT);
        var shown = all.stream().filter(t -> term.isEmpty() || t.slug().value().contains(term)
                || t.name().toLowerCase(java.util.Locale.ROOT).contains(term)).toList();
        grid.setItems(shown);
        count.setText(getTranslation("admin.tenants.count", shown.size(), all.size()));
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

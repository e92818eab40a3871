package dev.nonstop.tenant.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import dev.nonstop.common.UserError;
import dev.nonstop.tenant.UpgradeRequest;
import dev.nonstop.tenant.UpgradeService;
import dev.nonstop.uikit.EmptyState;
import dev.nonstop.uikit.Messages;
import dev.nonstop.uikit.PhoneList;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Admins approve or deny pending upgrade requests; a denial carries a reason the tenant sees. */
@Route("admin/upgrades")
@RolesAllowed("ADMIN")
public class UpgradeAdminView extends VerticalLayout implements HasDynamicTitle {

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneOffset.UTC);
    private final UpgradeService upgrades;
    final Grid<UpgradeRequest> grid = new Grid<>();

    UpgradeAdminView(UpgradeService upgrades) {
        this.upgrades = upgrades;
        grid.setId("upgrade-requests");
        PhoneList.column(grid, UpgradeRequest::tenant).setHeader(getTranslation("field.slug"));
        PhoneList.column(grid, UpgradeRequest::requestedBy).setHeader(getTranslation("upgrade.requested-by"));
        PhoneList.column(grid, r -> AT.format(r.requestedAt())).setHeader(getTranslation("upgrade.requested-at"));
        PhoneList.column(grid, UpgradeRequest::note).setHeader(getTranslation("field.note"));
        PhoneList.componentColumn(grid, this::actions);
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText(getTranslation("upgrade.empty"));
        add(new H2(getTranslation("upgrade.pending.title")), grid);
        refresh();
    }

    private HorizontalLayout actions(UpgradeRequest request) {
        Button approve = new Button(getTranslation("upgrade.approve"), e -> approve(request));
        approve.setId("approve-" + request.id());
        approve.addThemeVariants(ButtonVariant.LUMO_SUCCESS, ButtonVariant.LUMO_SMALL);
        Button deny = new Button(getTranslation("upgrade.deny"), e -> denyDialog(request).open());
        deny.setId("deny-" + request.id());
        deny.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
        return new HorizontalLayout(approve, deny);
    }

    void approve(UpgradeRequest request) {
        try {
            upgrades.approve(request.id());
            Messages.success(getTranslation("upgrade.approved", request.tenant()));
        } catch (UserError refused) {
            Messages.error(this, refused);
        }
        refresh();
    }

    Dialog denyDialog(UpgradeRequest request) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("upgrade.deny.title", request.tenant()));
        TextArea reason = new TextArea(getTranslation("field.reason"));
        reason.setId("deny-reason");
        reason.setMaxLength(UpgradeService.MAX_NOTE);
        reason.setWidthFull();
        dialog.add(reason);
        Button confirm = new Button(getTranslation("upgrade.deny"), e -> {
            try {
                upgrades.deny(request.id(), reason.getValue());
                dialog.close();
                Messages.success(getTranslation("upgrade.denied", request.tenant()));
                refresh();
            } catch (UserError refused) {
                Messages.error(this, refused);
            }
        });
        confirm.setId("deny-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button(getTranslation("common.cancel"), e -> dialog.close()), confirm);
        return dialog;
    }

    void refresh() {
        var pending = upgrades.pending();
        grid.setItems(pending);
        grid.setVisible(!pending.isEmpty());
        getChildren().filter(EmptyState.class::isInstance).toList().forEach(this::remove);
        if (pending.isEmpty()) {
            add(new EmptyState(getTranslation("upgrade.pending.none"), ""));
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.admin.upgrades") + " · Nonstop";
    }
}

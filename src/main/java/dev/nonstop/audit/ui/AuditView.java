package dev.nonstop.audit.ui;

import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import dev.nonstop.audit.AuditEvent;
import dev.nonstop.audit.AuditFilter;
import dev.nonstop.audit.AuditLog;
import dev.nonstop.uikit.PhoneList;
import jakarta.annotation.security.RolesAllowed;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The audit trail for admins: who did what, when, in which tenant; filtered as they type. */
@Route("admin/audit")
@RolesAllowed("ADMIN")
public class AuditView extends VerticalLayout implements HasDynamicTitle {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final AuditLog audit;
    final TextField actor = new TextField();
    final TextField tenant = new TextField();
    final TextField action = new TextField();
    final DatePicker from = new DatePicker();
    final DatePicker to = new DatePicker();
    final Grid<AuditEvent> grid = new Grid<>();

    AuditView(AuditLog audit) {
        this.audit = audit;
        actor.setLabel(getTranslation("audit.actor"));
        tenant.setLabel(getTranslation("audit.tenant"));
        action.setLabel(getTranslation("audit.action"));
        from.setLabel(getTranslation("audit.from"));
        to.setLabel(getTranslation("audit.to"));
        for (TextField field : new TextField[] {actor, tenant, action}) {
            field.setValueChangeMode(ValueChangeMode.LAZY);
            field.setMaxLength(100);
            field.setClearButtonVisible(true);
            field.addValueChangeListener(e -> refresh());
        }
        from.addValueChangeListener(e -> refresh());
        to.addValueChangeListener(e -> refresh());

        grid.setId("audit-events");
        grid.setEmptyStateText(getTranslation("audit.empty"));
        PhoneList.column(grid, e -> WHEN.format(e.occurredAt())).setHeader(getTranslation("audit.when")).setAutoWidth(true);
        PhoneList.column(grid, AuditEvent::actor).setHeader(getTranslation("audit.actor")).setAutoWidth(true);
        PhoneList.column(grid, e -> e.tenantSlug() == null ? "—" : e.tenantSlug()).setHeader(getTranslation("audit.tenant"))
                .setAutoWidth(true);
        PhoneList.column(grid, e -> action(e.action())).setHeader(getTranslation("audit.action")).setAutoWidth(true)
                .setTooltipGenerator(AuditEvent::action);
        PhoneList.column(grid, AuditEvent::detail).setHeader(getTranslation("audit.detail")).setFlexGrow(1)
                .setTooltipGenerator(AuditEvent::detail);
        // the whole detail under its row, for entries longer than the column
        grid.setItemDetailsRenderer(new com.vaadin.flow.data.renderer.ComponentRenderer<>(e -> {
            com.vaadin.flow.component.html.Paragraph full = new com.vaadin.flow.component.html.Paragraph(
                    e.action() + " · " + e.detail());
            full.addClassNames("nonstop-audit-detail");
            return full;
        }));
        HorizontalLayout filters = new HorizontalLayout(actor, tenant, action, from, to);
        filters.setWrap(true);
        add(filters, grid);
        setSizeFull();
        refresh();
    }

    void refresh() {
        grid.setItems(audit.search(new AuditFilter(actor.getValue(), tenant.getValue(), action.getValue(),
                start(from.getValue()), start(to.getValue() == null ? null : to.getValue().plusDays(1)))));
    }

    private static java.time.Instant start(LocalDate day) {
        return day == null ? null : day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The action in words ("App deployed"), or its code when it has no words yet. */
    String action(String code) {
        String key = "audit.action." + code;
        String text = getTranslation(key);
        return text == null || text.isBlank() || text.contains(key) ? code : text;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.admin.audit") + " · Nonstop";
    }
}

package dev.nonstop.app.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import dev.nonstop.app.FailoverDrill;
import dev.nonstop.app.ZoneDrill;
import dev.nonstop.app.ZoneDrillService;
import dev.nonstop.common.UserError;
import dev.nonstop.uikit.Messages;
import dev.nonstop.uikit.PhoneList;
import jakarta.annotation.security.RolesAllowed;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Zone-loss drills for platform admins: take a zone away, watch every affected app come back in the
 * surviving zones (live), give the zone back, and see the apps that promise zones spread again.
 */
@Route("admin/zone-drills")
@RolesAllowed("ADMIN")
public class ZoneDrillView extends VerticalLayout implements HasDynamicTitle {

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private final ZoneDrillService drills;
    final Select<String> zone = new Select<>();
    final Button start = new Button();
    final Div list = new Div();
    private final AtomicBoolean redrawQueued = new AtomicBoolean();
    private Runnable unsubscribe = () -> { };

    ZoneDrillView(ZoneDrillService drills) {
        this.drills = drills;
        zone.setLabel(getTranslation("drill.zone.pick"));
        zone.setId("zone-drill-zone");
        zone.setItems(drills.zones());
        drills.zones().stream().findFirst().ifPresent(zone::setValue);
        start.setText(getTranslation("drill.zone.start"));
        start.setId("zone-drill-start");
        start.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        start.addClickListener(e -> confirmStart());
        HorizontalLayout row = new HorizontalLayout(zone, start);
        row.setAlignItems(Alignment.BASELINE);
        row.setWrap(true);
        list.setId("zone-drills");
        list.setWidthFull();
        add(new H2(getTranslation("drill.zone.title")), new Paragraph(getTranslation("drill.zone.intro")), row, list);
        refresh();
    }

    void confirmStart() {
        String chosen = zone.getValue();
        if (chosen == null) {
            return;
        }
        ConfirmDialog confirm = new ConfirmDialog(getTranslation("drill.zone.confirm.title", chosen),
                getTranslation("drill.zone.confirm.text", chosen), getTranslation("drill.zone.start"),
                ok -> startDrill(chosen), getTranslation("common.cancel"), cancel -> { });
        confirm.setConfirmButtonTheme("error primary");
        confirm.setId("zone-drill-confirm");
        confirm.open();
    }

    void startDrill(String chosen) {
        try {
            drills.start(chosen);
            Messages.success(getTranslation("drill.zone.started", chosen));
        } catch (UserError refused) {
            Messages.error(this, refused);
        }
        refresh();
    }

    void restore(ZoneDrill drill) {
        try {
            drills.restore(drill.id());
            Messages.success(getTranslation("drill.zone.restored", drill.zone()));
        } catch (UserError refused) {
            Messages.error(this, refused);
        }
        refresh();
    }

    void refresh() {
        list.removeAll();
        var recent = drills.recent();
        if (recent.isEmpty()) {
            list.add(new Paragraph(getTranslation("drill.zone.none")));
        }
        for (ZoneDrill drill : recent) {
            list.add(drillPanel(drill));
        }
    }

    private VerticalLayout drillPanel(ZoneDrill drill) {
        VerticalLayout panel = new VerticalLayout();
        panel.setPadding(false);
        panel.setId("zone-drill-" + drill.id());
        H3 title = new H3(getTranslation(drill.running() ? "drill.zone.running-title" : "drill.zone.done-title",
                drill.zone(), AT.format(drill.startedAt()), drill.startedBy()));
        panel.add(title);
        if (drill.running()) {
            Button restore = new Button(getTranslation("drill.zone.restore", drill.zone()), e -> restore(drill));
            restore.setId("zone-drill-restore-" + drill.id());
            restore.addThemeVariants(ButtonVariant.LUMO_SUCCESS);
            panel.add(restore);
        } else if (drill.restoredAt() != null) {
            panel.add(new Paragraph(getTranslation("drill.zone.restored-at", AT.format(drill.restoredAt()))));
        }
        Grid<ZoneDrill.App> apps = new Grid<>();
        PhoneList.column(apps, a -> a.tenant() + " / " + a.name()).setHeader(getTranslation("drill.zone.app")).setAutoWidth(true);
        PhoneList.column(apps, a -> a.timeline().minReady() + " / " + a.timeline().desired())
                .setHeader(getTranslation("app.detail.drill.fewest"));
        PhoneList.column(apps, a -> since(drill.startedAt(), a.timeline().droppedAt()))
                .setHeader(getTranslation("drill.zone.dropped"));
        PhoneList.column(apps, a -> since(drill.startedAt(), a.timeline().recoveredAt()))
                .setHeader(getTranslation("drill.zone.recovered"));
        PhoneList.column(apps, a -> respread(drill, a.timeline())).setHeader(getTranslation("drill.zone.respread"));
        apps.setItems(drill.apps());
        apps.setAllRowsVisible(true);
        panel.add(apps);
        return panel;
    }

    private String respread(ZoneDrill drill, FailoverDrill row) {
        if (!row.finished() && row.respreadAt() == null) {
            return drill.running() ? getTranslation("drill.zone.after-restore") : "…";
        }
        return row.respreadAt() == null ? "–" : since(drill.restoredAt() == null ? drill.startedAt()
                : drill.restoredAt(), row.respreadAt());
    }

    private static String since(Instant from, @Nullable Instant to) {
        return to == null ? "…" : String.format(Locale.ROOT, "+%.1f s", Duration.between(from, to).toMillis() / 1000.0);
    }

    @Override
    protected void onAttach(AttachEvent attach) {
        UI ui = attach.getUI();
        unsubscribe = drills.subscribe(() -> {
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

    @Override
    public String getPageTitle() {
        return getTranslation("drill.zone.title") + " · Nonstop";
    }
}

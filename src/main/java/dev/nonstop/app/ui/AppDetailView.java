package dev.nonstop.app.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.Route;
import dev.nonstop.app.App;
import dev.nonstop.app.AppInsightService;
import dev.nonstop.app.AppService;
import dev.nonstop.app.ClusterEvent;
import dev.nonstop.app.FailoverService;
import dev.nonstop.app.PodInfo;
import dev.nonstop.app.Release;
import dev.nonstop.common.NotFound;
import dev.nonstop.common.UserError;
import dev.nonstop.uikit.Messages;
import jakarta.annotation.security.PermitAll;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One app in detail: its pods (node, zone, phase, ready, restarts, age), recent events, release
 * history with rollback buttons, replicas, a pod's log, and the failover drills — live through Push.
 */
@Route("apps/detail")
@PermitAll
public class AppDetailView extends VerticalLayout implements HasUrlParameter<Long>, HasDynamicTitle {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private final AppService apps;
    private final AppInsightService insight;
    private final FailoverService failovers;
    final Grid<PodInfo> pods = new Grid<>();
    final Grid<ClusterEvent> events = new Grid<>();
    final Grid<Release> releases = new Grid<>();
    final Grid<dev.nonstop.app.FailoverDrill> drills = new Grid<>();
    final Select<String> logPod = new Select<>();
    final Pre log = new Pre();
    final IntegerField replicas = new IntegerField();
    private final H2 title = new H2();
    private long appId;
    private String name = "";
    private Runnable unsubscribe = () -> { };
    private final java.util.concurrent.atomic.AtomicReference<AutoCloseable> following =
            new java.util.concurrent.atomic.AtomicReference<>();
    private final AtomicBoolean redrawQueued = new AtomicBoolean();

    private final dev.nonstop.app.AppConfigService configs;
    private final com.vaadin.flow.component.html.Div configHolder = new com.vaadin.flow.component.html.Div();

    AppDetailView(AppService apps, AppInsightService insight, FailoverService failovers,
                  dev.nonstop.app.AppConfigService configs) {
        this.configs = configs;
        this.apps = apps;
        this.insight = insight;
        this.failovers = failovers;
        pods.setId("app-pods");
        pods.addColumn(PodInfo::name).setHeader(getTranslation("app.detail.pod")).setFlexGrow(2);
        pods.addColumn(PodInfo::node).setHeader(getTranslation("app.detail.node"));
        pods.addColumn(p -> p.zone() == null ? "" : p.zone()).setHeader(getTranslation("app.detail.zone"));
        pods.addColumn(PodInfo::phase).setHeader(getTranslation("app.detail.phase"));
        pods.addColumn(p -> getTranslation(p.ready() ? "common.yes" : "common.no"))
                .setHeader(getTranslation("app.detail.ready"));
        pods.addColumn(PodInfo::restarts).setHeader(getTranslation("app.detail.restarts"));
        pods.addColumn(p -> age(p.startedAt())).setHeader(getTranslation("app.detail.age"));
        pods.setAllRowsVisible(true);
        events.setId("app-events");
        events.addColumn(e -> e.at() == null ? "" : WHEN.format(e.at())).setHeader(getTranslation("app.detail.when"));
        events.addColumn(ClusterEvent::type).setHeader(getTranslation("app.detail.type"));
        events.addColumn(ClusterEvent::reason).setHeader(getTranslation("app.detail.reason"));
        events.addColumn(ClusterEvent::object).setHeader(getTranslation("app.detail.object"));
        events.addColumn(ClusterEvent::message).setHeader(getTranslation("app.detail.message")).setFlexGrow(3);
        events.setAllRowsVisible(true);
        releases.setId("app-releases");
        releases.addColumn(Release::number).setHeader("#");
        releases.addColumn(Release::shortCommit).setHeader(getTranslation("app.detail.commit"));
        releases.addColumn(r -> getTranslation("app.release.status." + r.status().name()))
                .setHeader(getTranslation("app.detail.status"));
        releases.addColumn(r -> WHEN.format(r.createdAt())).setHeader(getTranslation("app.detail.when"));
        releases.addColumn(Release::createdBy).setHeader(getTranslation("app.detail.by"));
        releases.addComponentColumn(r -> new Button(getTranslation("app.detail.rollback"), e -> rollBack(r)));
        releases.setAllRowsVisible(true);
        drills.setId("app-drills");
        drills.addColumn(d -> WHEN.format(d.startedAt())).setHeader(getTranslation("app.detail.when"));
        drills.addColumn(d -> d.pod() + (d.nodeFailed() ? " + " + d.node() : ""))
                .setHeader(getTranslation("app.detail.drill.taken"));
        drills.addColumn(d -> d.droppedAt() == null ? "–" : seconds(d.startedAt(), d.droppedAt()))
                .setHeader(getTranslation("app.detail.drill.dropped"));
        drills.addColumn(d -> d.recovery() == null ? (d.finished() ? getTranslation("app.detail.drill.not-recovered")
                : "…") : String.format(java.util.Locale.ROOT, "%.1f s", d.recovery().toMillis() / 1000.0))
                .setHeader(getTranslation("app.detail.drill.recovered"));
        drills.addColumn(d -> d.minReady() + " / " + d.desired()).setHeader(getTranslation("app.detail.drill.fewest"));
        drills.setAllRowsVisible(true);
        logPod.setLabel(getTranslation("app.detail.log-of"));
        logPod.setId("app-log-pod");
        logPod.addValueChangeListener(e -> showLog());
        log.setId("app-log");
        log.addClassNames("nonstop-log");
        replicas.setLabel(getTranslation("app.detail.replicas"));
        replicas.setId("app-replicas-field");
        replicas.setStepButtonsVisible(true);
        Button scale = new Button(getTranslation("app.detail.scale"), e -> scale());
        scale.setId("app-scale");
        Button drill = new Button(getTranslation("apps.failover"), e -> drill());
        drill.setId("app-detail-failover");
        HorizontalLayout actions = new HorizontalLayout(replicas, scale, drill);
        actions.setAlignItems(Alignment.BASELINE);
        Button delete = new Button(getTranslation("app.detail.delete"), e -> deleteDialog().open());
        delete.setId("app-delete");
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        actions.add(delete);
        add(title, actions, new H3(getTranslation("app.detail.config")), configHolder,
                new H3(getTranslation("app.detail.pods")), pods,
                new H3(getTranslation("app.detail.releases")), releases,
                new H3(getTranslation("app.detail.drills")), drills,
                new H3(getTranslation("app.detail.events")), events, new H3(getTranslation("app.detail.logs")),
                logPod, log);
    }

    @Override
    public void setParameter(BeforeEvent event, Long id) {
        try {
            apps.get(id);
        } catch (NotFound missing) {
            // a missing app and another tenant's look the same: the portal's "Page not found", no actions
            event.rerouteToError(NotFoundException.class);
            return;
        }
        appId = id;
        refresh();
        configHolder.removeAll();
        try {
            configHolder.add(new AppConfigForm(configs, appId));
        } catch (UserError gone) {
            Messages.error(this, gone);
        }
    }

    /** Deleting asks for the app's name, then removes every object of it. */
    com.vaadin.flow.component.dialog.Dialog deleteDialog() {
        var dialog = new com.vaadin.flow.component.dialog.Dialog();
        dialog.setHeaderTitle(getTranslation("app.detail.delete-title", name));
        var typed = new com.vaadin.flow.component.textfield.TextField(getTranslation("app.detail.delete-type", name));
        typed.setId("app-delete-name");
        Button confirm = new Button(getTranslation("app.detail.delete"), e -> {
            try {
                apps.delete(appId, typed.getValue());
                dialog.close();
                Messages.success(getTranslation("app.detail.deleted", name));
                getUI().ifPresent(ui -> ui.navigate(AppsView.class));
            } catch (UserError refused) {
                Messages.error(this, refused);
            }
        });
        confirm.setId("app-delete-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        dialog.add(typed);
        dialog.getFooter().add(new Button(getTranslation("common.cancel"), e -> dialog.close()), confirm);
        return dialog;
    }

    void refresh() {
        try {
            App app = apps.get(appId);
            name = app.name();
            title.setText(app.name());
            replicas.setValue(app.replicas());
            var podList = insight.pods(appId);
            pods.setItems(podList);
            events.setItems(insight.events(appId));
            releases.setItems(apps.releases(appId));
            drills.setItems(failovers.drills(appId));
            String selected = logPod.getValue();
            logPod.setItems(podList.stream().map(PodInfo::name).toList());
            if (selected != null && podList.stream().anyMatch(p -> p.name().equals(selected))) {
                logPod.setValue(selected);
            }
        } catch (UserError gone) {
            Messages.error(this, gone);
        }
    }

    /** Shows the selected pod's log and follows it live (where the cluster streams logs). */
    private void showLog() {
        stopFollowing();
        if (logPod.getValue() == null) {
            log.setText("");
            return;
        }
        try {
            log.setText(insight.log(appId, logPod.getValue()));
        } catch (UserError gone) {
            log.setText(Messages.of(this, gone));
            return;
        }
        UI ui = UI.getCurrent();
        if (ui == null || following.get() != null) {
            return;
        }
        try {
            String pod = logPod.getValue();
            StringBuilder pending = new StringBuilder();
            following.set(insight.follow(appId, pod, line -> {
                synchronized (pending) {
                    pending.append(line).append('\n');
                }
                ui.access(() -> {
                    String more;
                    synchronized (pending) {
                        more = pending.toString();
                        pending.setLength(0);
                    }
                    if (!more.isEmpty() && pod.equals(logPod.getValue())) {
                        String text = log.getText();
                        log.setText(text.contains(more) ? text : tail(text + more));
                    }
                });
            }));
        } catch (RuntimeException notStreamed) {
            // the page still refreshes the log whenever the app changes
        }
    }

    private static String tail(String text) {
        String[] lines = text.split("\n");
        int from = Math.max(0, lines.length - AppInsightService.LOG_LINES);
        return String.join("\n", java.util.Arrays.copyOfRange(lines, from, lines.length)) + "\n";
    }

    private void stopFollowing() {
        AutoCloseable current = following.getAndSet(null);
        if (current != null) {
            try {
                current.close();
            } catch (Exception ignored) {
                // already closed
            }
        }
    }

    void rollBack(Release release) {
        try {
            apps.rollBackTo(appId, release.id());
            Messages.success(getTranslation("app.detail.rolled-back", String.valueOf(release.number())));
            refresh();
        } catch (UserError refused) {
            Messages.error(this, refused);
        }
    }

    void scale() {
        try {
            apps.scale(appId, replicas.getValue() == null ? 0 : replicas.getValue());
            refresh();
        } catch (UserError refused) {
            Messages.error(this, refused);
        }
    }

    void drill() {
        try {
            failovers.drill(appId, failovers.canFailNodes());
            Messages.success(getTranslation("apps.drill.started"));
        } catch (UserError refused) {
            Messages.error(this, refused);
        }
    }

    private static String seconds(Instant from, Instant to) {
        return String.format(java.util.Locale.ROOT, "%.1f s", Duration.between(from, to).toMillis() / 1000.0);
    }

    private String age(Instant started) {
        if (started == null) {
            return "";
        }
        Duration d = Duration.between(started, Instant.now());
        long s = Math.max(0, d.toSeconds());
        return s < 120 ? s + "s" : s < 7200 ? (s / 60) + "m" : (s / 3600) + "h";
    }

    @Override
    protected void onAttach(AttachEvent attach) {
        UI ui = attach.getUI();
        unsubscribe = apps.subscribe(id -> {
            if (id == appId && redrawQueued.compareAndSet(false, true)) {
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
        stopFollowing();
    }

    @Override
    public String getPageTitle() {
        return name + " · Nonstop";
    }
}

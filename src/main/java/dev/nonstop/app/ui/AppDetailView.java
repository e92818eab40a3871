package dev.nonstop.app.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.Route;
import dev.nonstop.app.App;
import dev.nonstop.app.AppConfigService;
import dev.nonstop.app.AppInsightService;
import dev.nonstop.app.AppService;
import dev.nonstop.app.AppStatus;
import dev.nonstop.app.ClusterEvent;
import dev.nonstop.app.FailoverService;
import dev.nonstop.app.PodInfo;
import dev.nonstop.app.ReleaseView;
import dev.nonstop.common.NotFound;
import dev.nonstop.common.UserError;
import dev.nonstop.uikit.Messages;
import dev.nonstop.uikit.PhoneList;
import jakarta.annotation.security.PermitAll;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * One app, for people rather than for Kubernetes: a header with its state, address, resilience and
 * the one thing to do next; then tabs — overview (its replicas and drills), releases (what changed,
 * which one is live, roll back to another), configuration, logs (followed live, can be paused) and
 * events (in plain sentences, the raw reason as a detail). Live through Push.
 */
@Route("apps/detail")
@PermitAll
public class AppDetailView extends VerticalLayout implements HasUrlParameter<Long>, HasDynamicTitle {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private final AppService apps;
    private final AppInsightService insight;
    private final FailoverService failovers;
    private final AppConfigService configs;
    private final H2 title = new H2();
    final Span state = new Span();
    final Span replicaCount = new Span();
    final Span resilience = new Span();
    private final Anchor address = new Anchor();
    final Paragraph next = new Paragraph();
    final Grid<PodInfo> pods = new Grid<>();
    final Grid<ClusterEvent> events = new Grid<>();
    final Grid<ReleaseView> releases = new Grid<>();
    final Grid<dev.nonstop.app.FailoverDrill> drills = new Grid<>();
    final Select<String> logPod = new Select<>();
    final Pre log = new Pre();
    final Checkbox follow = new Checkbox();
    final IntegerField replicas = new IntegerField();
    final Button stop = new Button();
    final TabSheet tabs = new TabSheet();
    private final Div configHolder = new Div();
    private long appId;
    private String name = "";
    private @Nullable Long liveRelease;
    private Runnable unsubscribe = () -> { };
    private final AtomicReference<AutoCloseable> following = new AtomicReference<>();
    private final AtomicBoolean redrawQueued = new AtomicBoolean();

    private final @org.jspecify.annotations.Nullable AppExtras extras;
    private com.vaadin.flow.component.tabs.@org.jspecify.annotations.Nullable Tab extraTab;

    AppDetailView(AppService apps, AppInsightService insight, FailoverService failovers, AppConfigService configs,
                  org.springframework.beans.factory.ObjectProvider<AppExtras> extras) {
        this.extras = extras.getIfAvailable();
        this.apps = apps;
        this.insight = insight;
        this.failovers = failovers;
        this.configs = configs;
        state.setId("detail-state");
        replicaCount.setId("detail-replicas");
        resilience.setId("detail-resilience");
        address.setTarget("_blank");
        address.setId("detail-address");
        next.setId("detail-next");
        next.addClassNames("nonstop-next");
        HorizontalLayout badges = new HorizontalLayout(state, replicaCount, resilience);
        badges.setWrap(true);
        badges.setAlignItems(FlexComponent.Alignment.BASELINE);
        buildGrids();
        tabs.setWidthFull();
        tabs.setId("detail-tabs");
        tabs.add(getTranslation("app.detail.tab.overview"), overview());
        tabs.add(getTranslation("app.detail.tab.releases"), releases);
        tabs.add(getTranslation("app.detail.tab.config"), configHolder);
        tabs.add(getTranslation("app.detail.tab.logs"), logs());
        tabs.add(getTranslation("app.detail.tab.events"), events);
        add(title, address, badges, next, actions(), tabs);
    }

    private void buildGrids() {
        pods.setId("app-pods");
        PhoneList.column(pods, PodInfo::name).setHeader(getTranslation("app.detail.pod")).setFlexGrow(2);
        PhoneList.column(pods, PodInfo::node).setHeader(getTranslation("app.detail.node"));
        PhoneList.column(pods, p -> p.zone() == null ? "" : p.zone()).setHeader(getTranslation("app.detail.zone"));
        PhoneList.column(pods, PodInfo::phase).setHeader(getTranslation("app.detail.phase"));
        PhoneList.column(pods, p -> getTranslation(p.ready() ? "common.yes" : "common.no"))
                .setHeader(getTranslation("app.detail.ready"));
        PhoneList.column(pods, PodInfo::restarts).setHeader(getTranslation("app.detail.restarts"));
        PhoneList.column(pods, p -> age(p.startedAt())).setHeader(getTranslation("app.detail.age"));
        pods.setAllRowsVisible(true);
        pods.setEmptyStateText(getTranslation("app.detail.empty.pods"));
        events.setId("app-events");
        PhoneList.column(events, e -> e.at() == null ? "" : WHEN.format(e.at())).setHeader(getTranslation("app.detail.when"))
                .setAutoWidth(true).setFlexGrow(0);
        PhoneList.column(events, e -> Messages.of(this, e.sentence())).setHeader(getTranslation("app.detail.what"))
                .setFlexGrow(3);
        PhoneList.column(events, e -> e.reason() + ": " + e.message()).setHeader(getTranslation("app.detail.detail"))
                .setFlexGrow(2);
        events.setAllRowsVisible(true);
        events.setEmptyStateText(getTranslation("app.detail.empty.events"));
        releases.setId("app-releases");
        PhoneList.column(releases, r -> r.release().number()).setHeader("#").setAutoWidth(true).setFlexGrow(0);
        PhoneList.column(releases, r -> r.live() ? getTranslation("app.release.live") : getTranslation("app.release.status."
                + r.release().status().name())).setHeader(getTranslation("app.detail.status"));
        PhoneList.column(releases, r -> r.release().shortCommit() + (r.message() == null ? "" : " · " + r.message())
                + (r.author() == null ? "" : " — " + r.author())).setHeader(getTranslation("app.detail.change"))
                .setFlexGrow(3);
        PhoneList.column(releases, r -> WHEN.format(r.release().createdAt())).setHeader(getTranslation("app.detail.when"));
        PhoneList.column(releases, r -> r.release().createdBy()).setHeader(getTranslation("app.detail.by"));
        PhoneList.componentColumn(releases, r -> {
            Button back = new Button(getTranslation("app.detail.rollback"), e -> rollBack(r));
            back.setVisible(!r.live());
            back.addThemeVariants(ButtonVariant.LUMO_SMALL);
            return back;
        });
        releases.setAllRowsVisible(true);
        releases.setEmptyStateText(getTranslation("app.detail.empty.releases"));
        drills.setId("app-drills");
        PhoneList.column(drills, d -> WHEN.format(d.startedAt())).setHeader(getTranslation("app.detail.when"));
        PhoneList.column(drills, d -> d.zoneLost() ? getTranslation("app.detail.drill.zone", d.node())
                : d.pod() + (d.nodeFailed() ? " + " + d.node() : "")).setHeader(getTranslation("app.detail.drill.taken"));
        PhoneList.column(drills, d -> d.droppedAt() == null ? "–" : seconds(d.startedAt(), d.droppedAt()))
                .setHeader(getTranslation("app.detail.drill.dropped"));
        PhoneList.column(drills, d -> d.recovery() == null ? (d.finished() ? getTranslation("app.detail.drill.not-recovered")
                : "…") : String.format(java.util.Locale.ROOT, "%.1f s", d.recovery().toMillis() / 1000.0))
                .setHeader(getTranslation("app.detail.drill.recovered"));
        PhoneList.column(drills, d -> d.minReady() + " / " + d.desired()).setHeader(getTranslation("app.detail.drill.fewest"));
        drills.setAllRowsVisible(true);
        drills.setEmptyStateText(getTranslation("app.detail.empty.drills"));
    }

    private VerticalLayout overview() {
        VerticalLayout overview = new VerticalLayout(new H3(getTranslation("app.detail.pods")), pods,
                new H3(getTranslation("app.detail.drills")), drills);
        overview.setPadding(false);
        return overview;
    }

    private VerticalLayout logs() {
        logPod.setLabel(getTranslation("app.detail.log-of"));
        logPod.setId("app-log-pod");
        logPod.addValueChangeListener(e -> showLog());
        follow.setLabel(getTranslation("app.detail.log-follow"));
        follow.setId("app-log-follow");
        follow.setValue(true);
        follow.addValueChangeListener(e -> {
            if (e.getValue()) {
                showLog();
            } else {
                stopFollowing();
            }
        });
        log.setId("app-log");
        log.addClassNames("nonstop-log");
        HorizontalLayout controls = new HorizontalLayout(logPod, follow);
        controls.setAlignItems(FlexComponent.Alignment.BASELINE);
        VerticalLayout panel = new VerticalLayout(controls, log);
        panel.setPadding(false);
        return panel;
    }

    private HorizontalLayout actions() {
        replicas.setLabel(getTranslation("app.detail.replicas"));
        replicas.setId("app-replicas-field");
        replicas.setStepButtonsVisible(true);
        replicas.setWidth("9em");
        Button scale = new Button(getTranslation("app.detail.scale"), e -> scale());
        scale.setId("app-scale");
        Button restart = new Button(getTranslation("app.config.restart"), e -> restart());
        restart.setId("app-restart");
        stop.setId("app-stop");
        stop.addClickListener(e -> toggleStopped());
        Button drill = new Button(getTranslation("apps.failover"), e -> drill());
        drill.setId("app-detail-failover");
        Button delete = new Button(getTranslation("app.detail.delete"), e -> deleteDialog().open());
        delete.setId("app-delete");
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout actions = new HorizontalLayout(replicas, scale, restart, stop, drill, delete);
        actions.setAlignItems(FlexComponent.Alignment.BASELINE);
        actions.setWrap(true);
        return actions;
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
        if (extras != null) {
            if (extraTab != null) {
                tabs.remove(extraTab);
            }
            // second, after the overview: what the app is doing now
            extraTab = tabs.add(new com.vaadin.flow.component.tabs.Tab(getTranslation(extras.detailTabKey())),
                    extras.onDetail(appId), 1);
            extraTab.setId("detail-tab-extra");
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
            AppStatus status = apps.status(appId);
            name = app.name();
            liveRelease = app.currentReleaseId();
            title.setText(app.name());
            address.setText(status.url());
            address.setHref(status.url());
            showHeader(status);
            replicas.setValue(app.replicas());
            stop.setText(getTranslation(app.stopped() ? "apps.start" : "apps.stop"));
            var podList = insight.pods(appId);
            pods.setItems(podList);
            events.setItems(insight.events(appId));
            releases.setItems(apps.history(appId));
            drills.setItems(failovers.drills(appId));
            String selected = logPod.getValue();
            logPod.setItems(podList.stream().map(PodInfo::name).toList());
            if (selected != null && podList.stream().anyMatch(p -> p.name().equals(selected))) {
                logPod.setValue(selected);
            }
        } catch (UserError gone) {
            next.setText(Messages.of(this, gone));
        }
    }

    private void showHeader(AppStatus s) {
        state.setText(getTranslation("apps.state." + s.state().name()));
        AppCard.badge(state, switch (s.state()) {
            case RUNNING -> "success";
            case FAILED, DEGRADED -> "error";
            case STOPPED -> "contrast";
            default -> "";
        });
        replicaCount.setText(getTranslation("apps.replicas", s.ready(), s.desired()));
        resilience.setText(getTranslation(AppCard.resilienceKey(s)));
        AppCard.badge(resilience, s.resilience().green() ? "success" : "");
        next.setText(nextStep(s));
    }

    /** The one thing to know or do now, in plain words. */
    String nextStep(AppStatus s) {
        if (s.notice() != null) {
            return Messages.of(this, s.notice());
        }
        if (s.outage() != null) {
            return Messages.of(this, s.outage());
        }
        return switch (s.state()) {
            case STOPPED -> getTranslation("app.next.stopped");
            case FAILED -> getTranslation("app.next.failed");
            case DEPLOYING -> getTranslation("app.next.deploying", s.ready(), s.desired());
            default -> s.resilience().missing().isEmpty() ? getTranslation("app.next.all-good")
                    : getTranslation(s.resilience().missing().getFirst().key(),
                    s.resilience().missing().getFirst().args().toArray());
        };
    }

    /** Shows the selected replica's log and, unless paused, follows it live (where the cluster streams logs). */
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
        if (ui == null || !follow.getValue() || following.get() != null) {
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
                    if (!more.isEmpty() && pod.equals(logPod.getValue()) && follow.getValue()) {
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

    void rollBack(ReleaseView release) {
        try {
            apps.rollBackTo(appId, release.release().id());
            Messages.success(getTranslation("app.detail.rolled-back", String.valueOf(release.release().number())));
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

    void restart() {
        try {
            configs.restart(appId);
            Messages.success(getTranslation("app.config.restarting"));
        } catch (UserError refused) {
            Messages.error(this, refused);
        }
    }

    void toggleStopped() {
        try {
            apps.setStopped(appId, !apps.get(appId).stopped());
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

    private String age(@Nullable Instant started) {
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

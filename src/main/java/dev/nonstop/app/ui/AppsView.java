package dev.nonstop.app.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import dev.nonstop.app.AppService;
import dev.nonstop.app.AppStatus;
import dev.nonstop.build.Build;
import dev.nonstop.build.BuildService;
import dev.nonstop.build.BuildStatus;
import dev.nonstop.build.ui.BuildsView;
import dev.nonstop.common.UserError;
import dev.nonstop.uikit.EmptyState;
import dev.nonstop.uikit.Messages;
import jakarta.annotation.security.PermitAll;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tenant's apps as live cards (Push from the informers, one redraw per card per burst, no
 * polling), and the succeeded builds of apps not deployed yet, each with a Deploy button.
 */
@Route("apps")
@RouteAlias("")
@PermitAll
public class AppsView extends VerticalLayout implements HasDynamicTitle, BeforeEnterObserver, AppCard.Actions {

    private final AppService apps;
    private final BuildService builds;
    private final dev.nonstop.app.FailoverService failovers;
    private final dev.nonstop.tenant.TenantService tenants;
    final Div cards = new Div();
    final VerticalLayout ready = new VerticalLayout();
    private final Map<Long, AppCard> cardsById = new LinkedHashMap<>();
    private final Set<Long> redrawQueued = ConcurrentHashMap.newKeySet();
    private final Map<Long, AppStatus> latest = new ConcurrentHashMap<>();
    private Runnable unsubscribe = () -> { };

    private final @org.jspecify.annotations.Nullable AppExtras extras;

    AppsView(AppService apps, BuildService builds, dev.nonstop.app.FailoverService failovers,
             dev.nonstop.tenant.TenantService tenants,
             org.springframework.beans.factory.ObjectProvider<AppExtras> extras) {
        this.extras = extras.getIfAvailable();
        this.tenants = tenants;
        this.apps = apps;
        this.builds = builds;
        this.failovers = failovers;
        cards.setId("app-cards");
        cards.addClassNames("nonstop-app-cards");
        ready.setPadding(false);
        ready.setId("ready-to-deploy");
        refresh();
    }

    /** The view may be reused between visits (it is also the start page): each visit shows the present. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        refresh();
    }

    void refresh() {
        removeAll();
        cardsById.clear();
        cards.removeAll();
        List<AppStatus> statuses = apps.statuses();
        for (AppStatus status : statuses) {
            AppCard card = new AppCard(status, this);
            if (extras != null) {
                card.addExtra(extras.onCard(status.appId()));
            }
            cardsById.put(status.appId(), card);
            cards.add(card);
        }
        ready.removeAll();
        Set<Long> deployedSources = new HashSet<>();
        apps.apps().forEach(a -> deployedSources.add(a.sourceId()));
        Set<Long> offered = new HashSet<>();
        for (Build build : builds.recent(50)) {
            if (build.status() == BuildStatus.SUCCEEDED && !build.appDeleted()
                    && !deployedSources.contains(build.sourceId()) && offered.add(build.sourceId())) {
                Button deploy = new Button(getTranslation("apps.deploy"), e -> deploy(build.id()));
                deploy.setId("deploy-build-" + build.id());
                deploy.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
                HorizontalLayout row = new HorizontalLayout(new com.vaadin.flow.component.html.Span(getTranslation(
                        "apps.ready-line", build.app(), String.valueOf(build.number()), build.shortCommit())), deploy);
                row.setAlignItems(Alignment.BASELINE);
                ready.add(row);
            }
        }
        if (statuses.isEmpty() && ready.getComponentCount() == 0) {
            Button first = new Button(getTranslation("apps.deploy-first"), VaadinIcon.ROCKET.create(),
                    e -> getUI().ifPresent(ui -> ui.navigate(NewAppView.class)));
            first.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_LARGE);
            first.setId("deploy-first-app");
            add(new EmptyState(getTranslation("apps.empty.title"), getTranslation("apps.empty.text") + " "
                    + dev.nonstop.uikit.Messages.of(this, tenants.current().tier().limits().promise()), first));
            return;
        }
        if (ready.getComponentCount() > 0) {
            add(new H2(getTranslation("apps.ready")), ready);
        }
        add(new H2(getTranslation("nav.apps")), cards);
    }

    void deploy(long buildId) {
        try {
            apps.deploy(buildId);
            Messages.success(getTranslation("apps.deploying"));
            refresh();
        } catch (UserError refused) {
            Messages.error(this, refused);
        }
    }

    @Override
    public void toggleStopped(long appId) {
        try {
            apps.setStopped(appId, !apps.get(appId).stopped());
            redraw(appId);
        } catch (UserError refused) {
            Messages.error(this, refused);
        }
    }

    @Override
    public void failover(long appId) {
        try {
            failovers.drill(appId, failovers.canFailNodes());
            Messages.success(getTranslation("apps.drill.started"));
            redraw(appId);
        } catch (UserError refused) {
            Messages.error(this, refused);
        }
    }


    AppCard card(long appId) {
        return cardsById.get(appId);
    }

    private void redraw(long appId) {
        AppCard card = cardsById.get(appId);
        if (card != null) {
            card.show(apps.status(appId));
        }
    }

    @Override
    protected void onAttach(AttachEvent attach) {
        UI ui = attach.getUI();
        // the card arrives computed once for every open screen; a burst becomes one redraw with the newest
        unsubscribe = apps.subscribeCards(status -> {
            latest.put(status.appId(), status);
            if (redrawQueued.add(status.appId())) {
                ui.access(() -> {
                    redrawQueued.remove(status.appId());
                    AppCard card = cardsById.get(status.appId());
                    if (card != null) {
                        card.show(latest.get(status.appId()));
                    }
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
        return getTranslation("nav.apps") + " · Nonstop";
    }
}

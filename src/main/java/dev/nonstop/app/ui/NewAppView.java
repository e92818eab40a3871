package dev.nonstop.app.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import dev.nonstop.app.App;
import dev.nonstop.app.AppService;
import dev.nonstop.app.AppStatus;
import dev.nonstop.app.FailoverService;
import dev.nonstop.build.Build;
import dev.nonstop.build.BuildService;
import dev.nonstop.build.BuildStatus;
import dev.nonstop.build.ui.BuildCard;
import dev.nonstop.build.ui.NewAppForm;
import dev.nonstop.common.UserError;
import dev.nonstop.uikit.Messages;
import jakarta.annotation.security.PermitAll;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * From a URL to a running app on one screen: paste, check, name, "Build and deploy"; then the build's
 * progress and, once it succeeded, the rollout on the app's own card, live, ending with the app running
 * (or the reason it is not, with what to do).
 */
@Route("apps/new")
@PermitAll
public class NewAppView extends VerticalLayout implements HasDynamicTitle, AppCard.Actions {

    private final AppService apps;
    private final BuildService builds;
    private final FailoverService failovers;
    final NewAppForm form;
    final Div progress = new Div();
    final Paragraph stage = new Paragraph();
    private @Nullable BuildCard buildCard;
    private @Nullable AppCard appCard;
    private @Nullable Build following;
    private final AtomicBoolean redrawQueued = new AtomicBoolean();
    private Runnable unsubscribeBuilds = () -> { };
    private Runnable unsubscribeCards = () -> { };

    NewAppView(AppService apps, BuildService builds, FailoverService failovers,
               dev.nonstop.tenant.TenantService tenants) {
        this.apps = apps;
        this.builds = builds;
        this.failovers = failovers;
        this.form = new NewAppForm(builds, this::follow);
        progress.setId("new-app-progress");
        progress.setWidthFull();
        progress.setVisible(false);
        stage.setId("new-app-stage");
        Paragraph promise = new Paragraph(Messages.of(this, tenants.current().tier().limits().promise()));
        promise.setId("new-app-promise");
        add(new H2(getTranslation("apps.new.title")), new Paragraph(getTranslation("apps.new.intro")), promise, form,
                progress);
    }

    /** The build just started: follow it, then the rollout. */
    void follow(Build build) {
        following = build;
        progress.removeAll();
        buildCard = new BuildCard(builds, build);
        appCard = null;
        progress.add(new H2(getTranslation("apps.new.following", build.app())), stage, buildCard);
        progress.setVisible(true);
        redraw();
    }

    /** Shows where the new app stands: building, rolling out, running, or stopped with a reason. */
    void redraw() {
        Build build = following;
        if (build == null) {
            return;
        }
        try {
            build = builds.get(build.id());
        } catch (UserError gone) {
            return;
        }
        following = build;
        if (buildCard != null) {
            buildCard.show(build);
        }
        Optional<App> app = apps.apps().stream().filter(a -> a.sourceId() == following.sourceId()).findFirst();
        if (build.status() == BuildStatus.FAILED || build.status() == BuildStatus.CANCELLED) {
            stage.setText(getTranslation("apps.new.stage.build-failed"));
        } else if (!build.status().finished()) {
            stage.setText(getTranslation("apps.new.stage.building"));
        } else if (app.isEmpty()) {
            stage.setText(build.deployNotice() != null ? Messages.of(this, build.deployNotice())
                    : getTranslation("apps.new.stage.deploying"));
        } else {
            AppStatus status = apps.status(app.get().id());
            if (appCard == null) {
                appCard = new AppCard(status, this);
                RouterLink open = new RouterLink(getTranslation("apps.new.open", status.name()), AppDetailView.class,
                        status.appId());
                open.setId("new-app-open");
                Button another = new Button(getTranslation("apps.new.another"), e -> startOver());
                another.setId("new-app-another");
                another.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
                HorizontalLayout next = new HorizontalLayout(open, another);
                next.setAlignItems(Alignment.BASELINE);
                progress.add(appCard, next);
            } else {
                appCard.show(status);
            }
            stage.setText(getTranslation(status.state() == AppStatus.State.RUNNING && status.ready() >= status.desired()
                    ? "apps.new.stage.running" : "apps.new.stage.rolling-out", status.ready(), status.desired()));
        }
    }

    void startOver() {
        following = null;
        progress.removeAll();
        progress.setVisible(false);
    }

    @Override
    public void toggleStopped(long appId) {
        try {
            apps.setStopped(appId, !apps.get(appId).stopped());
            redraw();
        } catch (UserError refused) {
            Messages.error(this, refused);
        }
    }

    @Override
    public void failover(long appId) {
        try {
            failovers.drill(appId, false);
            Messages.success(getTranslation("apps.drill.started"));
        } catch (UserError refused) {
            Messages.error(this, refused);
        }
    }

    private void queueRedraw(UI ui) {
        if (following != null && redrawQueued.compareAndSet(false, true)) {
            ui.access(() -> {
                redrawQueued.set(false);
                redraw();
            });
        }
    }

    @Override
    protected void onAttach(AttachEvent attach) {
        UI ui = attach.getUI();
        unsubscribeBuilds = builds.subscribe(build -> queueRedraw(ui));
        unsubscribeCards = apps.subscribeCards(status -> queueRedraw(ui));
    }

    @Override
    protected void onDetach(DetachEvent detach) {
        unsubscribeBuilds.run();
        unsubscribeCards.run();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("apps.new.title") + " · Nonstop";
    }
}

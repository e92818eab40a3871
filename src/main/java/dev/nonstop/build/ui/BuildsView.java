package dev.nonstop.build.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import dev.nonstop.build.Build;
import dev.nonstop.build.BuildService;
import dev.nonstop.build.BuildSource;
import dev.nonstop.common.UserError;
import dev.nonstop.security.Caller;
import dev.nonstop.uikit.Messages;
import dev.nonstop.uikit.PhoneList;
import jakarta.annotation.security.PermitAll;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds: a new app from a Git URL, the apps' sources with a build button, and the latest builds as
 * cards that move live (Push from the build informers, coalesced per card; no polling).
 */
@Route("builds")
@PermitAll
public class BuildsView extends VerticalLayout implements HasDynamicTitle {

    static final int SHOWN = 20;
    private final BuildService builds;
    final Button newApp = new Button();
    final Grid<BuildSource> sources = new Grid<>();
    final Div cards = new Div();
    private final Map<Long, BuildCard> cardsById = new LinkedHashMap<>();
    private final Set<Long> redrawQueued = ConcurrentHashMap.newKeySet();
    /** The newest state of each build heard of; a queued redraw shows whatever is newest when it runs. */
    private final Map<Long, Build> latest = new ConcurrentHashMap<>();
    private Runnable unsubscribe = () -> { };

    BuildsView(BuildService builds, Caller caller) {
        this.builds = builds;
        newApp.setText(getTranslation("builds.new-app"));
        newApp.setId("builds-new-app");
        newApp.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        // the one flow from URL to running app lives on the apps side (it ends on the app's card)
        newApp.addClickListener(e -> getUI().ifPresent(ui -> ui.navigate("apps/new")));
        sources.setId("build-sources");
        PhoneList.column(sources, BuildSource::name).setHeader(getTranslation("builds.name"));
        PhoneList.column(sources, BuildSource::repoUrl).setHeader(getTranslation("builds.url")).setFlexGrow(2);
        PhoneList.column(sources, s -> s.trackedRef() == null ? getTranslation("builds.default-branch") : s.trackedRef())
                .setHeader(getTranslation("builds.ref"));
        PhoneList.column(sources, s -> getTranslation("builds.kind." + s.kind().name())).setHeader(getTranslation(
                "builds.kind"));
        PhoneList.componentColumn(sources, this::buildButton);
        PhoneList.componentColumn(sources, s -> {
            Button hook = new Button(getTranslation("builds.webhook"), e -> webhookDialog(s).open());
            hook.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            Button remove = new Button(getTranslation("builds.remove"), e -> removeDialog(s).open());
            remove.setId("remove-source-" + s.id());
            remove.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            return new com.vaadin.flow.component.orderedlayout.HorizontalLayout(hook, remove);
        });
        sources.setAllRowsVisible(true);
        sources.setEmptyStateText(getTranslation("builds.empty.sources"));
        cards.setId("build-cards");
        add(newApp, new H2(getTranslation("builds.token.title")),
                new TokenPanel(builds, caller.require().isOwner()), new H2(getTranslation("builds.sources")), sources,
                new H2(getTranslation("builds.recent")), cards);
        refresh();
    }

    private Button buildButton(BuildSource source) {
        Button button = new Button(getTranslation("builds.build-now"), e -> build(source));
        button.addThemeVariants(ButtonVariant.LUMO_SMALL);
        return button;
    }

    void build(BuildSource source) {
        try {
            started(builds.start(source.id()));
        } catch (UserError refused) {
            Messages.error(this, refused);
        }
    }

    /** Removing an app that never ran asks for its name; one that runs is deleted from its own page. */
    com.vaadin.flow.component.dialog.Dialog removeDialog(BuildSource source) {
        var dialog = new com.vaadin.flow.component.dialog.Dialog();
        dialog.setHeaderTitle(getTranslation("builds.remove.title", source.name()));
        var typed = new com.vaadin.flow.component.textfield.TextField(getTranslation("app.detail.delete-type",
                source.name()));
        typed.setId("remove-source-name");
        Button confirm = new Button(getTranslation("builds.remove"), e -> {
            try {
                builds.removeSource(source.id(), typed.getValue());
                dialog.close();
                Messages.success(getTranslation("builds.removed", source.name()));
                refresh();
            } catch (UserError refused) {
                Messages.error(this, refused);
            }
        });
        confirm.setId("remove-source-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        dialog.add(new com.vaadin.flow.component.html.Paragraph(getTranslation("builds.remove.text")), typed);
        dialog.getFooter().add(new Button(getTranslation("common.cancel"), e -> dialog.close()), confirm);
        return dialog;
    }

    WebhookDialog webhookDialog(BuildSource source) {
        return new WebhookDialog(builds, source, origin());
    }

    /** The address users reach the portal at, for the payload URL GitHub calls. */
    private static String origin() {
        var request = com.vaadin.flow.server.VaadinServletRequest.getCurrent();
        if (request == null) {
            return "";
        }
        var http = request.getHttpServletRequest();
        return http.getScheme() + "://" + http.getServerName()
                + (http.getServerPort() == 80 || http.getServerPort() == 443 ? "" : ":" + http.getServerPort());
    }

    private void started(Build build) {
        Messages.success(getTranslation("builds.started", build.app(), String.valueOf(build.number())));
        refresh();
    }

    void refresh() {
        sources.setItems(builds.sources());
        cards.removeAll();
        cardsById.clear();
        for (Build build : builds.recent(SHOWN)) {
            BuildCard card = new BuildCard(builds, build);
            cardsById.put(build.id(), card);
            cards.add(card);
        }
        if (cardsById.isEmpty()) {
            com.vaadin.flow.component.html.Paragraph none = new com.vaadin.flow.component.html.Paragraph(
                    getTranslation("builds.empty.builds"));
            none.setId("builds-none");
            cards.add(none);
        }
    }

    /** The card of a build, for tests. */
    BuildCard card(long buildId) {
        return cardsById.get(buildId);
    }

    @Override
    protected void onAttach(AttachEvent attach) {
        UI ui = attach.getUI();
        unsubscribe = builds.subscribe(build -> {
            latest.put(build.id(), build);
            if (redrawQueued.add(build.id())) {
                ui.access(() -> {
                    redrawQueued.remove(build.id());
                    BuildCard card = cardsById.get(build.id());
                    if (card == null) {
                        refresh();
                    } else {
                        card.show(latest.get(build.id()));
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
        return getTranslation("nav.builds") + " · Nonstop";
    }
}

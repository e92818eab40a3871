package dev.nonstop.app.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import dev.nonstop.app.AppStatus;
import dev.nonstop.app.FailoverDrill;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One app at a glance: name and URL, state, ready/desired replicas, the resilience badge (green only
 * when the app survives losing a node, and a zone where the tier promises zones; otherwise what is
 * missing), release and commit, last deploy, rollout progress, and a notice such as a rollback.
 */
public class AppCard extends Div {

    /** What the card's buttons do, for the page that shows it. */
    public interface Actions {
        void toggleStopped(long appId);

        void failover(long appId);
    }


    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneOffset.UTC);
    final Span state = new Span();
    final Span replicas = new Span();
    final Span resilience = new Span();
    final Paragraph missing = new Paragraph();
    final Paragraph release = new Paragraph();
    final ProgressBar progress = new ProgressBar(0, 100);
    final Paragraph notice = new Paragraph();
    final Paragraph outage = new Paragraph();
    final Paragraph drill = new Paragraph();
    final Button stop = new Button();
    final Button failover = new Button();
    private final Anchor link = new Anchor();
    private final long appId;
    private @org.jspecify.annotations.Nullable AppStatus shown;

    public AppCard(AppStatus status, Actions actions) {
        this.appId = status.appId();
        setId("app-" + status.name());
        addClassNames("nonstop-app-card");
        state.setId("app-state-" + status.name());
        replicas.setId("app-replicas-" + status.name());
        resilience.setId("app-resilience-" + status.name());
        notice.setId("app-notice-" + status.name());
        outage.setId("app-outage-" + status.name());
        outage.addClassNames("nonstop-outage");
        drill.setId("app-drill-" + status.name());
        link.setTarget("_blank");
        stop.addThemeVariants(ButtonVariant.LUMO_SMALL);
        stop.addClickListener(e -> actions.toggleStopped(appId));
        failover.setText(getTranslation("apps.failover"));
        failover.setId("app-failover-" + status.name());
        failover.addThemeVariants(ButtonVariant.LUMO_SMALL);
        failover.addClickListener(e -> actions.failover(appId));
        com.vaadin.flow.router.RouterLink details = new com.vaadin.flow.router.RouterLink(status.name(),
                AppDetailView.class, status.appId());
        details.setId("app-link-" + status.name());
        Div title = new Div(details, link);
        title.addClassNames("nonstop-app-title");
        HorizontalLayout badges = new HorizontalLayout(state, replicas, resilience);
        badges.setWrap(true);
        add(title, badges, outage, missing, release, progress, notice, drill,
                new HorizontalLayout(stop, failover));
        show(status);
    }

    public long appId() {
        return appId;
    }

    /** Another feature's content on this card (charts), under the badges. */
    public void addExtra(com.vaadin.flow.component.Component extra) {
        addComponentAtIndex(2, extra);
    }

    public void show(AppStatus s) {
        if (s.equals(shown)) {
            return; // a pod event that changes nothing on the card (scheduled, started) sends nothing
        }
        shown = s;
        java.util.Optional<FailoverDrill> lastDrill = java.util.Optional.ofNullable(s.lastDrill());
        drill.setVisible(lastDrill.isPresent());
        lastDrill.ifPresent(d -> drill.setText(!d.finished() ? getTranslation("apps.drill.running")
                : getTranslation("apps.drill.result", seconds(d.startedAt(), d.droppedAt()),
                        seconds(d.droppedAt(), d.recoveredAt()), d.minReady(), d.desired())));
        link.setText(s.url());
        link.setHref(s.url());
        state.setText(getTranslation("apps.state." + s.state().name()));
        badge(state, switch (s.state()) {
            case RUNNING -> "success";
            case FAILED, DEGRADED -> "error";
            case STOPPED -> "contrast";
            default -> "";
        });
        replicas.setText(getTranslation("apps.replicas", s.ready(), s.desired()));
        resilience.setText(getTranslation(resilienceKey(s)));
        badge(resilience, s.resilience().green() ? "success" : "");
        outage.setText(s.outage() == null ? "" : dev.nonstop.uikit.Messages.of(this, s.outage()));
        outage.setVisible(s.outage() != null);
        missing.setText(String.join(" · ", s.resilience().missing().stream()
                .map(m -> getTranslation(m.key(), m.args().toArray())).toList()));
        missing.setVisible(!s.resilience().missing().isEmpty());
        release.setText(s.releaseId() == null ? "" : getTranslation("apps.release", String.valueOf(s.releaseNumber()),
                String.valueOf(s.commit()), s.deployedAt() == null ? "" : WHEN.format(s.deployedAt())));
        progress.setValue(s.progress());
        progress.setVisible(s.state() == AppStatus.State.DEPLOYING);
        notice.setText(s.notice() == null ? "" : dev.nonstop.uikit.Messages.of(this, s.notice()));
        notice.setVisible(s.notice() != null);
        stop.setText(getTranslation(s.state() == AppStatus.State.STOPPED ? "apps.start" : "apps.stop"));
        failover.setEnabled(s.state() == AppStatus.State.RUNNING);
        // when the server last redrew this card: the UI benchmark splits server time from browser time with it
        getElement().setAttribute("data-shown-at", String.valueOf(System.currentTimeMillis()));
    }

    /** A Lumo badge of the given theme ("success", "error", "contrast" or plain). */
    static void badge(Span span, String theme) {
        span.getElement().getThemeList().clear();
        span.getElement().getThemeList().add(theme.isEmpty() ? "badge" : "badge " + theme);
    }

    /**
     * What the resilience badge says: green; recovering from an outage (never "not yet redundant" for an
     * app that was redundant); or not yet redundant.
     */
    static String resilienceKey(AppStatus s) {
        if (s.resilience().green()) {
            return "apps.resilience.green";
        }
        return s.resilience().recovering() ? "apps.resilience.recovering" : "apps.resilience.amber";
    }

    private static String seconds(java.time.@org.jspecify.annotations.Nullable Instant from,
                                  java.time.@org.jspecify.annotations.Nullable Instant to) {
        if (from == null || to == null) {
            return "–";
        }
        return String.format(java.util.Locale.ROOT, "%.1f", java.time.Duration.between(from, to).toMillis() / 1000.0);
    }
}

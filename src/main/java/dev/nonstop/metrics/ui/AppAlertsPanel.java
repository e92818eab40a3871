package dev.nonstop.metrics.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import dev.nonstop.common.UserError;
import dev.nonstop.metrics.AlertService;
import dev.nonstop.uikit.Messages;
import java.time.Duration;
import java.util.List;

/** The app detail page's alerts: what is firing for this app, and muting its alerts for a while. */
final class AppAlertsPanel extends VerticalLayout {

    static final List<Duration> MUTE_FOR = List.of(Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(7));

    private final AlertService alerts;
    private final long appId;
    final Select<Duration> mute = new Select<>();
    final Span muted = new Span();
    final Button unmute = new Button();
    final AlertList list;

    AppAlertsPanel(AlertService alerts, long appId, Duration refresh) {
        this.alerts = alerts;
        this.appId = appId;
        setPadding(false);
        setSpacing(false);
        list = new AlertList("detail-alerts", alerts, () -> alerts.firing(appId), "alert.none.app", refresh);
        mute.setId("detail-alerts-mute");
        mute.setPlaceholder(getTranslation("alert.mute"));
        mute.setItems(MUTE_FOR);
        mute.setItemLabelGenerator(d -> getTranslation("alert.mute.for." + d.toHours()));
        mute.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                act(() -> alerts.mute(appId, e.getValue()));
            }
        });
        muted.setId("detail-alerts-muted");
        muted.addClassNames("nonstop-hint");
        unmute.setText(getTranslation("alert.unmute"));
        unmute.setId("detail-alerts-unmute");
        unmute.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        unmute.addClickListener(e -> act(() -> alerts.unmute(appId)));
        HorizontalLayout controls = new HorizontalLayout(mute, muted, unmute);
        controls.setAlignItems(Alignment.BASELINE);
        controls.setWrap(true);
        add(new H3(getTranslation("alert.title")), list, controls);
        showMute();
    }

    private void act(Runnable action) {
        try {
            action.run();
        } catch (UserError refused) {
            Messages.error(this, refused);
        }
        mute.clear();
        showMute();
        list.show(false);
    }

    private void showMute() {
        var until = alerts.mutedUntil(appId);
        muted.setText(until.map(u -> getTranslation("alert.muted-until", AlertList.WHEN.format(u))).orElse(""));
        muted.setVisible(until.isPresent());
        unmute.setVisible(until.isPresent());
    }
}

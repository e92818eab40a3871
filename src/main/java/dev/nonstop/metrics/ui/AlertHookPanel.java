package dev.nonstop.metrics.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import dev.nonstop.common.UserError;
import dev.nonstop.metrics.AlertHook;
import dev.nonstop.metrics.AlertHookService;
import dev.nonstop.uikit.Messages;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Where a tenant's alerts are also posted: the hint of the address in use and how the last delivery
 * went, for everyone; for owners, a field to paste a new address (never shown back), a test message and
 * "stop sending".
 */
class AlertHookPanel extends Div {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneOffset.UTC);

    private final AlertHookService hooks;
    private final Paragraph state = new Paragraph();
    private final Paragraph delivery = new Paragraph();
    final PasswordField url = new PasswordField();
    final Button save = new Button();
    final Button test = new Button();
    final Button remove = new Button();

    AlertHookPanel(AlertHookService hooks, boolean owner) {
        this.hooks = hooks;
        setId("alert-hook");
        addClassNames("nonstop-alert-hook");
        state.setId("alert-hook-state");
        delivery.setId("alert-hook-delivery");
        add(new Paragraph(getTranslation("alert.hook.explain")), state, delivery);
        if (owner) {
            url.setId("alert-hook-url");
            url.setLabel(getTranslation("alert.hook.url"));
            url.setRevealButtonVisible(false);
            url.setMaxLength(500);
            url.setPlaceholder("https://hooks.slack.com/services/…");
            url.setWidthFull();
            save.setText(getTranslation("alert.hook.save"));
            save.setId("alert-hook-save");
            save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            save.addClickListener(e -> run(() -> {
                AlertHook hook = hooks.set(url.getValue(), getLocale());
                url.clear();
                url.setInvalid(false);
                Messages.success(getTranslation("alert.hook.saved", hook.hint()));
            }));
            test.setText(getTranslation("alert.hook.test"));
            test.setId("alert-hook-test");
            test.addClickListener(e -> run(() -> {
                AlertHook hook = hooks.test();
                if (hook.lastError() == null) {
                    Messages.success(getTranslation("alert.hook.test-sent"));
                }
            }));
            remove.setText(getTranslation("alert.hook.remove"));
            remove.setId("alert-hook-remove");
            remove.addThemeVariants(ButtonVariant.LUMO_ERROR);
            remove.addClickListener(e -> run(hooks::remove));
            FlexLayout actions = new FlexLayout(save, test, remove);
            actions.addClassNames("nonstop-actions");
            add(url, actions);
        } else {
            add(new Paragraph(getTranslation("alert.hook.owner-only")));
        }
        show();
    }

    private void run(Runnable action) {
        try {
            action.run();
        } catch (UserError refused) {
            url.setInvalid(true);
            url.setErrorMessage(Messages.of(this, refused));
        }
        show();
    }

    private void show() {
        Optional<AlertHook> hook = hooks.hook();
        state.setText(hook.map(h -> getTranslation("alert.hook.set", h.hint(), h.setBy()))
                .orElseGet(() -> getTranslation("alert.hook.unset")));
        delivery.setVisible(hook.map(h -> h.lastSentAt() != null).orElse(false));
        hook.filter(h -> h.lastSentAt() != null).ifPresent(h -> {
            delivery.setText(h.lastError() == null ? getTranslation("alert.hook.last-ok", time(h.lastSentAt()))
                    : getTranslation("alert.hook.last-failed", h.lastError(), time(h.lastSentAt())));
            delivery.setClassName("nonstop-error", h.lastError() != null);
        });
        test.setEnabled(hook.isPresent());
        remove.setEnabled(hook.isPresent());
    }

    private static String time(Instant at) {
        return TIME.format(at);
    }
}

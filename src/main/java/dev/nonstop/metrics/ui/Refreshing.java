package dev.nonstop.metrics.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.shared.Registration;
import java.time.Duration;

/** Runs a refresh on the UI's poll while a component is attached (the poll interval is the UI's). */
final class Refreshing {

    private Refreshing() {
    }

    static void every(Component component, Duration interval, Runnable refresh) {
        Registration[] polling = {null};
        component.addAttachListener(attach -> {
            UI ui = attach.getUI();
            int millis = (int) interval.toMillis();
            if (ui.getPollInterval() <= 0 || ui.getPollInterval() > millis) {
                ui.setPollInterval(millis);
            }
            polling[0] = ui.addPollListener(e -> refresh.run());
        });
        component.addDetachListener(detach -> {
            if (polling[0] != null) {
                polling[0].remove();
                polling[0] = null;
            }
        });
    }
}

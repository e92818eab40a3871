package dev.nonstop.shell.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.ErrorEvent;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinSession;
import dev.nonstop.common.UserError;
import dev.nonstop.uikit.Messages;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Errors thrown from a click or other event: a {@link UserError} that a view did not catch still
 * reaches the user in their language; anything else is logged with a reference and the user is
 * told something went wrong, never left with a silent page.
 */
@Component
class SessionErrors implements VaadinServiceInitListener {

    private static final Logger log = LoggerFactory.getLogger(SessionErrors.class);

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(init -> init.getSession().setErrorHandler(this::handle));
    }

    private void handle(ErrorEvent event) {
        UI ui = UI.getCurrent();
        Throwable failure = event.getThrowable();
        while (failure.getCause() != null && !(failure instanceof UserError)) {
            failure = failure.getCause();
        }
        if (ui == null || VaadinSession.getCurrent() == null) {
            log.error("Unhandled error outside a UI", event.getThrowable());
            return;
        }
        if (failure instanceof UserError refused) {
            Messages.error(ui, refused);
            return;
        }
        String reference = UUID.randomUUID().toString().substring(0, 8);
        log.error("Unhandled error (reference {})", reference, event.getThrowable());
        Messages.error(ui, new UserError("error.unexpected.text", reference));
    }
}

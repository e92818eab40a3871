package dev.nonstop.shell.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import dev.nonstop.common.AccessDenied;
import dev.nonstop.common.NotFound;
import dev.nonstop.common.UserError;
import dev.nonstop.uikit.Messages;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A page that failed to open. A refusal the user can act on is shown as such; anything else is
 * logged with a reference the user can quote, and the page says so instead of showing a stack trace.
 */
@AnonymousAllowed
public class ErrorView extends VerticalLayout implements HasErrorParameter<Exception> {

    private static final Logger log = LoggerFactory.getLogger(ErrorView.class);

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<Exception> parameter) {
        removeAll();
        setAlignItems(Alignment.CENTER);
        Exception failure = parameter.getException();
        Anchor back = new Anchor("", getTranslation("error.back-to-apps"));
        if (failure instanceof NotFound missing) {
            H1 title = new H1(getTranslation("error.not-found.title"));
            title.setId("not-found");
            add(title, new Paragraph(Messages.of(this, missing)), back);
            return HttpServletResponse.SC_NOT_FOUND;
        }
        if (failure instanceof UserError refused) {
            add(new H1(getTranslation("error.refused.title")), new Paragraph(Messages.of(this, refused)), back);
            return failure instanceof AccessDenied ? HttpServletResponse.SC_FORBIDDEN
                    : HttpServletResponse.SC_BAD_REQUEST;
        }
        String reference = UUID.randomUUID().toString().substring(0, 8);
        log.error("Page {} failed (reference {})", event.getLocation().getPath(), reference, failure);
        add(new H1(getTranslation("error.unexpected.title")),
                new Paragraph(getTranslation("error.unexpected.text", reference)), back);
        return HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
    }
}

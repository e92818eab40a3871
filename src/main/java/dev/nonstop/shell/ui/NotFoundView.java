package dev.nonstop.shell.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Shown for an unknown address and for a page the user may not open: the two look alike on
 * purpose, so the page tells nobody what exists behind the admin section.
 */
@AnonymousAllowed
public class NotFoundView extends VerticalLayout implements HasErrorParameter<NotFoundException> {

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
        removeAll();
        setAlignItems(Alignment.CENTER);
        H1 title = new H1(getTranslation("error.not-found.title"));
        title.setId("not-found");
        Anchor back = new Anchor("", getTranslation("error.back-to-apps"));
        add(title, new Paragraph(getTranslation("error.not-found.text")), back);
        return HttpServletResponse.SC_NOT_FOUND;
    }
}

package dev.nonstop.uikit;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

/** A page's "nothing here yet" panel: a title, a sentence that says why, and what to do about it. */
public class EmptyState extends VerticalLayout {

    public EmptyState(String title, String explanation, Component... actions) {
        addClassNames("nonstop-empty");
        setAlignItems(Alignment.CENTER);
        add(new H2(title), new Paragraph(explanation));
        add(actions);
    }
}

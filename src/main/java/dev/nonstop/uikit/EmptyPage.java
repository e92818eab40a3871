package dev.nonstop.uikit;

import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;

/** A page whose feature has not landed yet: it says so plainly instead of pretending. */
public abstract class EmptyPage extends VerticalLayout implements HasDynamicTitle {

    private final String titleKey;

    protected EmptyPage(String titleKey, String messagePrefix) {
        this.titleKey = titleKey;
        add(new EmptyState(getTranslation(messagePrefix + ".empty.title"), getTranslation(messagePrefix + ".empty.text")));
    }

    @Override
    public String getPageTitle() {
        return getTranslation(titleKey) + " · Nonstop";
    }
}

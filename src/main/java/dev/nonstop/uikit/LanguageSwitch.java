package dev.nonstop.uikit;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.server.VaadinSession;
import java.util.List;
import java.util.Locale;

/** Korean / English switch. The choice holds for the whole session and reloads the page in that language. */
public class LanguageSwitch extends Select<Locale> {

    public static final List<Locale> LANGUAGES = List.of(Locale.KOREAN, Locale.ENGLISH);

    public LanguageSwitch() {
        setItems(LANGUAGES);
        setItemLabelGenerator(locale -> locale.getDisplayLanguage(locale));
        setAriaLabel("Language / 언어");
        setWidth("8em");
        setId("language-switch");
        addAttachListener(e -> setValue(current(e.getUI())));
        addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                VaadinSession.getCurrent().setLocale(e.getValue());
                UI.getCurrent().getPage().reload();
            }
        });
    }

    private static Locale current(UI ui) {
        Locale locale = ui.getLocale();
        return LANGUAGES.stream().filter(l -> l.getLanguage().equals(locale.getLanguage())).findFirst()
                .orElse(Locale.ENGLISH);
    }
}

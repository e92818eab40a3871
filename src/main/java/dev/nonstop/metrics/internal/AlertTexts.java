package dev.nonstop.metrics.internal;

import dev.nonstop.common.Message;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Alert texts in a tenant's language outside a screen (the messages posted to a webhook), from the same
 * bundles the views use, with message arguments translated first as the views do.
 */
final class AlertTexts {

    private final ResourceBundle bundle;

    AlertTexts(Locale locale) {
        ResourceBundle chosen;
        try {
            chosen = ResourceBundle.getBundle("vaadin-i18n.translations", locale,
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        } catch (MissingResourceException none) {
            chosen = ResourceBundle.getBundle("vaadin-i18n.translations", Locale.ROOT,
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        }
        this.bundle = chosen;
    }

    String of(Message message) {
        Object[] args = message.args().stream().map(this::argument).toArray();
        return of(message.key(), args);
    }

    String of(String key, Object... args) {
        String pattern = bundle.containsKey(key) ? bundle.getString(key) : key;
        return new MessageFormat(pattern, bundle.getLocale()).format(args);
    }

    private Object argument(Object arg) {
        if (arg instanceof Message message) {
            return of(message);
        }
        if (arg instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(Message.class::isInstance)) {
            return String.join(of("common.list-separator"), list.stream().map(m -> of((Message) m)).toList());
        }
        return arg;
    }
}

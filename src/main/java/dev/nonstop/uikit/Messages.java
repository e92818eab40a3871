package dev.nonstop.uikit;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import dev.nonstop.common.UserError;
import java.util.Arrays;

/** Turns refusals into text in the user's language and shows them. */
public final class Messages {

    private Messages() {
    }

    /** The message of a refusal; arguments that are message keys themselves (field names) are translated too. */
    public static String of(Component in, UserError error) {
        Object[] args = Arrays.stream(error.args())
                .map(arg -> arg instanceof String text && text.startsWith("field.") ? in.getTranslation(text) : arg)
                .toArray();
        return in.getTranslation(error.key(), args);
    }

    public static Notification error(Component in, UserError error) {
        return show(of(in, error), NotificationVariant.ERROR);
    }

    public static Notification success(String text) {
        return show(text, NotificationVariant.SUCCESS);
    }

    private static Notification show(String text, NotificationVariant variant) {
        Notification notification = new Notification(text, 6000, Notification.Position.TOP_CENTER);
        notification.addThemeVariants(variant);
        notification.open();
        return notification;
    }
}

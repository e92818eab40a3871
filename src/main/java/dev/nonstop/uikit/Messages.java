package dev.nonstop.uikit;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import dev.nonstop.common.Message;
import dev.nonstop.common.UserError;
import java.util.Arrays;

/** Turns refusals into text in the user's language and shows them. */
public final class Messages {

    private Messages() {
    }

    /** The message of a refusal; arguments that are message keys themselves (field names) are translated too. */
    public static String of(Component in, UserError error) {
        return in.getTranslation(error.key(), translated(in, error.args()));
    }

    /** A message in the user's language, its message arguments translated first. */
    public static String of(Component in, Message message) {
        return in.getTranslation(message.key(), translated(in, message.args().toArray()));
    }

    private static Object[] translated(Component in, Object[] args) {
        return Arrays.stream(args).map(arg -> translated(in, arg)).toArray();
    }

    private static Object translated(Component in, Object arg) {
        if (arg instanceof String text && text.startsWith("field.")) {
            return in.getTranslation(text);
        }
        if (arg instanceof Message message) {
            return of(in, message);
        }
        if (arg instanceof java.util.List<?> list && !list.isEmpty() && list.stream().allMatch(Message.class::isInstance)) {
            return String.join(in.getTranslation("common.list-separator"), list.stream()
                    .map(m -> of(in, (Message) m)).toList());
        }
        return arg;
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

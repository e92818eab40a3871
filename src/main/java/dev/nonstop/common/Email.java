package dev.nonstop.common;

import java.util.Locale;
import java.util.regex.Pattern;

/** An email address, lower-cased. Plain ASCII addresses only, at most 254 characters. */
public record Email(String value) {

    private static final Pattern SHAPE = Pattern.compile(
            "[a-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+");

    public Email {
        if (value.length() > 254 || !SHAPE.matcher(value).matches()) {
            throw new UserError("error.email.invalid");
        }
    }

    public static Email parse(String raw) {
        String text = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
        if (text.isEmpty()) {
            throw new UserError("error.email.empty");
        }
        return new Email(text);
    }

    @Override
    public String toString() {
        return value;
    }
}

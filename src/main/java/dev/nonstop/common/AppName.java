package dev.nonstop.common;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An app's name: 1 to 40 characters of a-z, 0-9 and inner hyphens, starting with a letter, so it is
 * a valid Kubernetes object and Service name (RFC 1035 label) and fits in the app's host name.
 */
public record AppName(String value) {

    public static final int MAX_LENGTH = 40;
    private static final Pattern SHAPE = Pattern.compile("[a-z]([a-z0-9-]{0,38}[a-z0-9])?");

    public AppName {
        if (value == null || !SHAPE.matcher(value).matches() || value.contains("--")) {
            throw new UserError("error.app-name.invalid", MAX_LENGTH);
        }
    }

    public static AppName parse(String raw) {
        return new AppName(raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT));
    }

    /** A name suggested from a repository name ("My_Site.io" → "my-site-io"); empty when none fits. */
    public static String suggest(String repository) {
        String s = repository.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^[^a-z]+|-+$", "");
        if (s.length() > MAX_LENGTH) {
            s = s.substring(0, MAX_LENGTH).replaceAll("-+$", "");
        }
        return SHAPE.matcher(s).matches() && !s.contains("--") ? s : "";
    }

    @Override
    public String toString() {
        return value;
    }
}

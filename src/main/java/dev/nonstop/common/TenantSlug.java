package dev.nonstop.common;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A tenant's URL-safe name: 3 to 40 characters of a-z, 0-9 and inner hyphens, never a reserved word.
 * The tenant's namespace is {@code t-<slug>}, so the slug must stay a valid DNS label with that prefix.
 */
public record TenantSlug(String value) {

    public static final int MAX_LENGTH = 40;
    private static final Pattern SHAPE = Pattern.compile("[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])");
    private static final Set<String> RESERVED = Set.of(
            "admin", "api", "default", "kube-system", "kube-public", "kube-node-lease", "nonstop",
            "platform", "system", "www", "login", "signup", "root", "builds", "tekton-pipelines");

    public TenantSlug {
        if (!SHAPE.matcher(value).matches() || value.contains("--")) {
            throw new UserError("error.slug.invalid", MAX_LENGTH);
        }
        if (RESERVED.contains(value)) {
            throw new UserError("error.slug.reserved", value);
        }
    }

    /** Parses what a user typed as a slug; refuses rather than rewrites. */
    public static TenantSlug parse(String raw) {
        return new TenantSlug(raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT));
    }

    /**
     * Suggests a slug from a company name: accents removed, everything else outside a-z0-9 becomes a
     * hyphen. Returns an empty string when nothing usable is left (for example a name in Hangul).
     */
    public static String suggest(String companyName) {
        // Hangul is romanized first, so a Korean company name still suggests a URL name
        String ascii = Normalizer.normalize(Romanizer.romanize(companyName), Normalizer.Form.NFKD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (ascii.length() > MAX_LENGTH) {
            ascii = ascii.substring(0, MAX_LENGTH).replaceAll("-+$", "");
        }
        if (ascii.length() < 3 || RESERVED.contains(ascii)) {
            return "";
        }
        return ascii;
    }

    /** The tenant's namespace, {@code t-<slug>}: a valid DNS label of at most 42 characters. */
    public String namespace() {
        return "t-" + value;
    }

    @Override
    public String toString() {
        return value;
    }
}

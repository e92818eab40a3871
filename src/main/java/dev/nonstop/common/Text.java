package dev.nonstop.common;

import java.text.Normalizer;

/**
 * Rules for free text that users type (names, company names). Text is trimmed and NFC-normalised;
 * empty, oversized, control and bidirectional-override characters are refused with a {@link UserError}
 * naming the field. HTML is allowed as text: views always render it escaped.
 */
public final class Text {

    private Text() {
    }

    public static String require(String field, String value, int maxLength) {
        String text = value == null ? "" : Normalizer.normalize(value.strip(), Normalizer.Form.NFC);
        if (text.isEmpty()) {
            throw new UserError("error.text.empty", field);
        }
        if (text.codePointCount(0, text.length()) > maxLength) {
            throw new UserError("error.text.too-long", field, maxLength);
        }
        if (text.codePoints().anyMatch(Text::isForbidden)) {
            throw new UserError("error.text.invalid-characters", field);
        }
        return text;
    }

    /** As {@link #require}, but blank text is allowed and comes back empty. */
    public static String optional(String field, String value, int maxLength) {
        return value == null || value.isBlank() ? "" : require(field, value, maxLength);
    }

    /**
     * Control characters and the invisible characters that reorder or hide text (Trojan-source style).
     * Zero-width joiners (U+200C, U+200D) stay allowed: emoji sequences and several scripts need them.
     */
    static boolean isForbidden(int cp) {
        return Character.getType(cp) == Character.CONTROL
                || (cp >= 0x202A && cp <= 0x202E)
                || (cp >= 0x2066 && cp <= 0x2069)
                || cp == 0x200E || cp == 0x200F || cp == 0x061C
                || cp == 0x200B || cp == 0x2060 || cp == 0xFEFF
                || Character.getType(cp) == Character.UNASSIGNED
                || Character.getType(cp) == Character.PRIVATE_USE
                || Character.getType(cp) == Character.SURROGATE;
    }
}

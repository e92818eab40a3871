package dev.nonstop.common;

/**
 * Hangul in Latin letters, by the Revised Romanization of Korean (simplified: each syllable on its
 * own, without the sound changes across syllables), so that "민지 베이커리" can suggest the URL name
 * "minji-beikeori". Other characters are kept as they are.
 */
public final class Romanizer {

    private static final String[] INITIAL = {"g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j",
        "jj", "ch", "k", "t", "p", "h"};
    private static final String[] MEDIAL = {"a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe",
        "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i"};
    private static final String[] FINAL = {"", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p",
        "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"};
    private static final int FIRST = 0xAC00;
    private static final int LAST = 0xD7A3;

    private Romanizer() {
    }

    public static String romanize(String text) {
        StringBuilder out = new StringBuilder(text.length() * 3);
        text.codePoints().forEach(cp -> {
            if (cp >= FIRST && cp <= LAST) {
                int index = cp - FIRST;
                out.append(INITIAL[index / (21 * 28)]).append(MEDIAL[(index % (21 * 28)) / 28])
                        .append(FINAL[index % 28]);
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }
}

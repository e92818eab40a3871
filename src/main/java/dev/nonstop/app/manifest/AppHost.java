package dev.nonstop.app.manifest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An app's host name, {@code <app>-<tenant>.<base domain>}. App and tenant names can add up past the
 * 63 characters a DNS label may have; then the label is shortened and ends in a hash of the full
 * one, so it stays valid and distinct.
 */
public final class AppHost {

    static final int MAX_LABEL = 63;

    private AppHost() {
    }

    public static String of(String app, String tenant, String baseDomain) {
        String label = app + "-" + tenant;
        if (label.length() > MAX_LABEL) {
            String hash = hash(label).substring(0, 8);
            label = label.substring(0, MAX_LABEL - 9).replaceAll("-+$", "") + "-" + hash;
        }
        return label + "." + baseDomain;
    }

    private static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

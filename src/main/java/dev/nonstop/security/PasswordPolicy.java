package dev.nonstop.security;

import dev.nonstop.common.UserError;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Password rules after OWASP ASVS 5.0 (V6.2): at least 8 characters, long passphrases welcome (up to
 * 256), any characters, no composition rules, and none of the 10,000 most common passwords.
 */
@Component
public class PasswordPolicy {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 256;
    private static final String LIST = "/security/common-passwords.txt";

    private final Set<String> common;

    public PasswordPolicy() {
        this.common = load();
    }

    public void check(String password, String email) {
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            throw new UserError("error.password.too-short", MIN_LENGTH);
        }
        if (length > MAX_LENGTH) {
            throw new UserError("error.password.too-long", MAX_LENGTH);
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (common.contains(lower)) {
            throw new UserError("error.password.common");
        }
        if (lower.equals(email.toLowerCase(Locale.ROOT))
                || lower.equals(email.toLowerCase(Locale.ROOT).split("@")[0])) {
            throw new UserError("error.password.is-email");
        }
    }

    int commonCount() {
        return common.size();
    }

    private static Set<String> load() {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream(LIST)) {
            if (in == null) {
                throw new IllegalStateException(LIST + " is missing from the classpath");
            }
            Set<String> words = new HashSet<>();
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip).filter(line -> !line.isEmpty()).forEach(words::add);
            return Set.copyOf(words);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

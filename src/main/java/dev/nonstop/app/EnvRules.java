package dev.nonstop.app;

import dev.nonstop.common.UserError;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an app's environment variables may be. Names are POSIX-style ({@code [A-Za-z_][A-Za-z0-9_]*});
 * names the portal or the system sets, or that change how every process starts, are refused with the
 * reason; values and the whole set are bounded well below Kubernetes' 1 MiB object limit (and what
 * the database keeps, sealed or not).
 */
public final class EnvRules {

    public static final int MAX_NAME = 100;
    /** One value, in UTF-8 bytes. */
    public static final int MAX_VALUE_BYTES = 4096;
    /** Every name and value together, in UTF-8 bytes. */
    public static final int MAX_TOTAL_BYTES = 64 * 1024;
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Set by the portal or the container runtime: overriding them breaks the app or its health checks. */
    private static final Set<String> RESERVED = Set.of("PORT", "PATH", "HOME", "HOSTNAME", "USER", "SHELL", "PWD");
    /** Families the dynamic linker or Kubernetes reads or sets, and the portal's own. */
    private static final Set<String> RESERVED_PREFIXES = Set.of("LD_", "DYLD_", "KUBERNETES_", "NONSTOP_");

    private EnvRules() {
    }

    public static String checkedName(String name) {
        if (name == null || name.length() > MAX_NAME || !NAME.matcher(name).matches()) {
            throw new UserError("app.config.name", String.valueOf(name).length() > 40
                    ? String.valueOf(name).substring(0, 40) + "…" : String.valueOf(name), MAX_NAME);
        }
        String upper = name.toUpperCase(Locale.ROOT);
        if (RESERVED.contains(upper)) {
            throw new UserError("app.config.name-reserved." + upper.toLowerCase(Locale.ROOT), name);
        }
        for (String prefix : RESERVED_PREFIXES) {
            if (upper.startsWith(prefix)) {
                throw new UserError("app.config.name-prefix." + prefix.substring(0, prefix.length() - 1)
                        .toLowerCase(Locale.ROOT), name, prefix);
            }
        }
        return name;
    }

    public static String checkedValue(String name, String value) {
        if (value == null || value.chars().anyMatch(c -> c == 0)) {
            throw new UserError("app.config.value-nul", name);
        }
        if (value.getBytes(StandardCharsets.UTF_8).length > MAX_VALUE_BYTES) {
            throw new UserError("app.config.value", name, MAX_VALUE_BYTES / 1024);
        }
        return value;
    }

    /** All names and values together (secret values as typed, before sealing). */
    public static void checkTotal(Map<String, String> plain, Map<String, String> secrets) {
        long total = 0;
        for (var e : plain.entrySet()) {
            total += bytes(e.getKey()) + bytes(e.getValue());
        }
        for (var e : secrets.entrySet()) {
            total += bytes(e.getKey()) + bytes(e.getValue());
        }
        if (total > MAX_TOTAL_BYTES) {
            throw new UserError("app.config.total", MAX_TOTAL_BYTES / 1024, (total + 1023) / 1024);
        }
    }

    private static long bytes(String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }
}

package dev.nonstop.common;

/**
 * Where an app answers: the port it listens on and the path that says it is healthy. The same rules
 * hold when detection's findings are corrected and when an app's configuration changes them.
 */
public final class ServingRules {

    public static final int MAX_HEALTH_PATH = 200;

    private ServingRules() {
    }

    public static boolean validPort(int port) {
        return port >= 1 && port <= 65535;
    }

    /** Starts with {@code /}, at most 200 characters, printable ASCII without spaces. */
    public static boolean validHealthPath(String path) {
        return path.startsWith("/") && path.length() <= MAX_HEALTH_PATH
                && path.chars().noneMatch(c -> c <= 0x20 || c > 0x7e);
    }
}

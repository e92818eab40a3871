package dev.nonstop.build;

/**
 * Why a build failed, in classes a user can act on. Each has a cause and a fix in plain words
 * ({@code build.cause.<name>}, {@code build.fix.<name>}, Korean and English).
 */
public enum FailureCause {
    CLONE_AUTH, CLONE_NOT_FOUND, CLONE_FAILED, NOTHING_TO_BUILD, BUILD_STEP, OUT_OF_MEMORY, TIMEOUT, PUSH_FAILED,
    QUOTA, CANCELLED, UNKNOWN;

    public String causeKey() {
        return "build.cause." + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public String fixKey() {
        return "build.fix." + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}

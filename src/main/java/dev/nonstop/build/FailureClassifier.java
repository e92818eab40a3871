package dev.nonstop.build;

import java.util.Locale;

/**
 * Turns what a failed build left behind — the stage that failed, its step's termination reason and
 * exit code, the run's reason and message, the last log lines — into a cause a user can act on.
 */
public final class FailureClassifier {

    private FailureClassifier() {
    }

    public static FailureCause classify(String stage, String stepReason, int exitCode, String runReason,
                                        String runMessage, String logTail) {
        String reason = (stepReason + " " + runReason).toLowerCase(Locale.ROOT);
        String text = (runMessage + "\n" + logTail).toLowerCase(Locale.ROOT);
        if (reason.contains("cancel") || reason.contains("stoppedrunfinally")) {
            return FailureCause.CANCELLED;
        }
        if (reason.contains("timeout") || reason.contains("timedout") || text.contains("timed out")) {
            return FailureCause.TIMEOUT;
        }
        if (reason.contains("oomkilled") || exitCode == 137 || text.contains("out of memory")) {
            return FailureCause.OUT_OF_MEMORY;
        }
        if (reason.contains("exceededresourcequota") || text.contains("exceeded quota")
                || reason.contains("exceedednoderesources")) {
            return FailureCause.QUOTA;
        }
        return switch (stage) {
            case "clone" -> {
                if (text.contains("authentication failed") || text.contains("could not read username")
                        || text.contains("403") || text.contains("401")) {
                    yield FailureCause.CLONE_AUTH;
                }
                if (text.contains("not found") || text.contains("404") || text.contains("couldn't find remote ref")) {
                    yield FailureCause.CLONE_NOT_FOUND;
                }
                yield FailureCause.CLONE_FAILED;
            }
            case "build", "build-buildpacks" -> {
                if ((text.contains("no such file or directory") && (text.contains("dockerfile")
                        || text.contains("containerfile"))) || text.contains("no buildpack groups passed detection")) {
                    yield FailureCause.NOTHING_TO_BUILD;
                }
                yield FailureCause.BUILD_STEP;
            }
            case "push" -> FailureCause.PUSH_FAILED;
            default -> FailureCause.UNKNOWN;
        };
    }
}

package dev.nonstop.build;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a failed build left behind, mapped to a cause the user can act on. */
class FailureClassifierTest {

    @ParameterizedTest(name = "{0}/{1}/{2} -> {6}")
    @CsvSource(delimiter = '|', value = {
        "clone | Error | 128 | Failed | | fatal: Authentication failed for 'https://github.com/acme/x/' | CLONE_AUTH",
        "clone | Error | 128 | Failed | | remote: Repository not found. | CLONE_NOT_FOUND",
        "clone | Error | 128 | Failed | | fatal: couldn't find remote ref 1234 | CLONE_NOT_FOUND",
        "clone | Error | 1 | Failed | | fatal: unable to access: Could not resolve host | CLONE_FAILED",
        "build | Error | 1 | Failed | | Error: stat Dockerfile: no such file or directory | NOTHING_TO_BUILD",
        "build-buildpacks | Error | 1 | Failed | | ERROR: No buildpack groups passed detection. | NOTHING_TO_BUILD",
        "build | Error | 1 | Failed | | npm ERR! Test failed. | BUILD_STEP",
        "build | OOMKilled | 137 | Failed | | | OUT_OF_MEMORY",
        "build | Error | 137 | Failed | | Killed | OUT_OF_MEMORY",
        "build | Error | 1 | PipelineRunTimeout | PipelineRun build-1 failed to finish within 20m0s | | TIMEOUT",
        "push | Error | 1 | Failed | | error pushing image: unauthorized | PUSH_FAILED",
        " | | 0 | CouldntGetTask | pods build-1 is forbidden: exceeded quota: build-quota | | QUOTA",
        "build | TaskRunCancelled | 0 | Cancelled | PipelineRun was cancelled | | CANCELLED",
        " | | 0 | Failed | something odd | | UNKNOWN"})
    void causes(String stage, String stepReason, int exit, String runReason, String message, String log,
                FailureCause expected) {
        assertThat(FailureClassifier.classify(n(stage), n(stepReason), exit, n(runReason), n(message), n(log)))
                .isEqualTo(expected);
        assertThat(expected.causeKey()).startsWith("build.cause.");
        assertThat(expected.fixKey()).startsWith("build.fix.");
    }

    private static String n(String s) {
        return s == null ? "" : s;
    }
}

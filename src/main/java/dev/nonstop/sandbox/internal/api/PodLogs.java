package dev.nonstop.sandbox.internal.api;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What {@code pods/<name>/log} answers in the sandbox. No process runs, so there is no real output: the
 * log tells the pod's simulated life (image pulled, started, ready, crashes) and then a heartbeat line a
 * minute, each line marked as simulated.
 */
final class PodLogs {

    private static final Duration HEARTBEAT = Duration.ofMinutes(1);
    private static final int MAX_LINES = 5000;

    private PodLogs() {
    }

    static String of(JsonNode pod, Instant now, int tailLines) {
        String recorded = pod.path("metadata").path("annotations").path("sandbox.nonstop.dev/log").asString("");
        if (!recorded.isEmpty()) {
            return tail(new ArrayList<>(recorded.lines().toList()), tailLines);
        }
        List<String> lines = new ArrayList<>();
        JsonNode status = pod.path("status");
        String image = pod.path("spec").path("containers").path(0).path("image").asString("");
        String started = status.path("startTime").asString("");
        if (started.isEmpty()) {
            return "";
        }
        Instant start = Instant.parse(started);
        lines.add(start + " [sandbox] pulling image " + image + " (simulated: no image is pulled)");
        JsonNode container = status.path("containerStatuses").path(0);
        String waiting = container.path("state").path("waiting").path("reason").asString("");
        int restarts = container.path("restartCount").asInt(0);
        if ("CrashLoopBackOff".equals(waiting)) {
            for (int i = 0; i < restarts && lines.size() < MAX_LINES; i++) {
                Instant at = start.plusSeconds(10L * i);
                lines.add(at + " [sandbox] starting " + image);
                lines.add(at + " [sandbox] process exited with code 1 (simulated crash); back-off before restart");
            }
        } else if (container.path("state").has("running")) {
            Instant running = Instant.parse(container.path("state").path("running").path("startedAt")
                    .asString(start.toString()));
            lines.add(running + " [sandbox] container started (simulated: no process runs)");
            for (JsonNode condition : status.path("conditions")) {
                if ("Ready".equals(condition.path("type").asString("")) && "True".equals(
                        condition.path("status").asString(""))) {
                    lines.add(condition.path("lastTransitionTime").asString("") + " [sandbox] readiness probe passed");
                }
            }
            for (Instant beat = running.plus(HEARTBEAT); !beat.isAfter(now) && lines.size() < MAX_LINES;
                 beat = beat.plus(HEARTBEAT)) {
                lines.add(beat + " [sandbox] serving (simulated heartbeat)");
            }
        }
        return tail(lines, tailLines);
    }

    private static String tail(List<String> lines, int tailLines) {
        List<String> tail = tailLines > 0 && tailLines < lines.size()
                ? lines.subList(lines.size() - tailLines, lines.size()) : lines;
        return tail.isEmpty() ? "" : String.join("\n", tail) + "\n";
    }
}

package dev.nonstop.build;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** One stage of a build (clone, build, push) with its state and times, for the step list. */
public record BuildStep(String name, State state, @Nullable Instant startedAt, @Nullable Instant finishedAt) {

    public enum State {
        WAITING, RUNNING, DONE, FAILED, SKIPPED
    }

    public static final List<String> STAGES = List.of("clone", "build", "push");

    public @Nullable Duration duration(Instant now) {
        if (startedAt == null) {
            return null;
        }
        return Duration.between(startedAt, finishedAt == null ? now : finishedAt);
    }

    /** The steps as stored: {@code name:STATE:startMillis:endMillis} joined by {@code ;}. */
    public static String encode(List<BuildStep> steps) {
        List<String> parts = new ArrayList<>();
        for (BuildStep s : steps) {
            parts.add(s.name + ":" + s.state + ":" + (s.startedAt == null ? "" : s.startedAt.toEpochMilli()) + ":"
                    + (s.finishedAt == null ? "" : s.finishedAt.toEpochMilli()));
        }
        return String.join(";", parts);
    }

    public static List<BuildStep> decode(String text) {
        List<BuildStep> steps = new ArrayList<>();
        if (text == null || text.isBlank()) {
            STAGES.forEach(n -> steps.add(new BuildStep(n, State.WAITING, null, null)));
            return steps;
        }
        for (String part : text.split(";")) {
            String[] f = part.split(":", -1);
            steps.add(new BuildStep(f[0], State.valueOf(f[1]), f[2].isEmpty() ? null : Instant.ofEpochMilli(
                    Long.parseLong(f[2])), f[3].isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(f[3]))));
        }
        return steps;
    }
}

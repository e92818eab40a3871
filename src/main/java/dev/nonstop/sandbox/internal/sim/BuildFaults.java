package dev.nonstop.sandbox.internal.sim;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Build failures tests ask for: every PipelineRun whose repository URL contains a text fails at a
 * chosen task with a chosen reason (the step's termination reason, and the last line of its log).
 */
public final class BuildFaults {

    /** One rule: repositories containing {@code repoContains} fail at {@code task} with {@code reason}. */
    public record Rule(String repoContains, String task, String reason) {
    }

    private final List<Rule> rules = new CopyOnWriteArrayList<>();

    public void add(Rule rule) {
        rules.add(rule);
    }

    public void clear() {
        rules.clear();
    }

    Optional<Rule> match(String repoUrl) {
        return rules.stream().filter(r -> repoUrl.contains(r.repoContains())).findFirst();
    }
}

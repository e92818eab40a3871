package dev.nonstop.tier;

import dev.nonstop.common.UserError;
import java.util.List;

/** Refusal to save limits that break a rule; the form shows each problem at its field. */
public class InvalidTierLimits extends UserError {

    private final List<TierLimits.Problem> problems;

    public InvalidTierLimits(List<TierLimits.Problem> problems) {
        super("tier.problem.summary", problems.size());
        this.problems = List.copyOf(problems);
    }

    public List<TierLimits.Problem> problems() {
        return problems;
    }
}

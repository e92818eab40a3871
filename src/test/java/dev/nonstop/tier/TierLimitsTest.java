package dev.nonstop.tier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nonstop.common.ReplicaSize;
import java.util.List;
import org.junit.jupiter.api.Test;

class TierLimitsTest {

    static TierLimits free() {
        return new TierLimits(2, 2, 3, ReplicaSize.S, 1000, 2000, 1024, 2048, 10, 10, 1, 20, false);
    }

    private static List<String> fields(TierLimits limits) {
        return limits.problems().stream().map(TierLimits.Problem::field).toList();
    }

    @Test
    void seeded_free_limits_are_consistent() {
        assertThat(free().problems()).isEmpty();
        assertThat(free().podsNeeded()).isEqualTo(8);
    }

    @Test
    void zero_and_negative_values_are_refused_at_their_field() {
        TierLimits limits = new TierLimits(0, 2, 3, ReplicaSize.S, 1000, -5, 1024, 2048, 10, 10, 1, 20, false);
        assertThat(fields(limits)).containsExactly("maxApps", "quotaCpuLimitsMilli");
        assertThat(limits.problems()).allMatch(p -> p.key().equals("tier.problem.not-positive"));
    }

    @Test
    void fewer_than_two_replicas_is_not_redundancy() {
        TierLimits limits = new TierLimits(2, 1, 3, ReplicaSize.S, 1000, 2000, 1024, 2048, 10, 10, 1, 20, false);
        assertThat(limits.problems()).singleElement()
                .satisfies(p -> assertThat(p.key()).isEqualTo("tier.problem.min-replicas"));
    }

    @Test
    void max_replicas_below_min_is_refused() {
        TierLimits limits = new TierLimits(2, 4, 3, ReplicaSize.S, 1000, 2000, 1024, 2048, 10, 10, 1, 20, false);
        assertThat(fields(limits)).containsExactly("maxReplicas");
    }

    @Test
    void a_quota_without_room_for_the_surge_pods_says_by_how_much_it_falls_short() {
        // 2 apps x (3 replicas + 1 surge) x 100m = 800m needed; 700m given: short by 100m.
        TierLimits limits = new TierLimits(2, 2, 3, ReplicaSize.S, 700, 2000, 1024, 2048, 7, 10, 1, 20, false);
        assertThat(limits.problems()).extracting(TierLimits.Problem::field)
                .containsExactly("quotaCpuRequestsMilli", "quotaPods");
        TierLimits.Problem cpu = limits.problems().getFirst();
        assertThat(cpu.key()).isEqualTo("tier.problem.quota-short");
        assertThat(cpu.args()).containsExactly(800L, 700, 100L, 2, 3, 100);
    }

    @Test
    void a_larger_replica_size_needs_a_larger_quota() {
        TierLimits limits = new TierLimits(2, 2, 3, ReplicaSize.L, 1000, 2000, 1024, 2048, 10, 10, 1, 20, false);
        assertThat(fields(limits)).contains("quotaCpuRequestsMilli", "quotaCpuLimitsMilli", "quotaMemoryRequestsMib",
                "quotaMemoryLimitsMib");
    }

    @Test
    void absurdly_large_values_are_refused() {
        TierLimits limits = new TierLimits(2_000_000, 2, 3, ReplicaSize.S, 1000, 2000, 1024, 2048, 10, 10, 1, 20,
                false);
        assertThat(limits.problems()).singleElement()
                .satisfies(p -> assertThat(p.key()).isEqualTo("tier.problem.too-large"));
    }
}

package dev.nonstop.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nonstop.common.ReplicaSize;
import dev.nonstop.tenant.QuotaUsage;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The quota pre-check: replicas plus the surge pod at the new size, the app's own pods counted as freed. */
class QuotaCheckTest {

    static QuotaUsage q(String resource, String used, String hard) {
        return new QuotaUsage(resource, used, hard, new Quantity(used).getNumericalAmount(),
                new Quantity(hard).getNumericalAmount());
    }

    /** FREE: 1 CPU / 2 CPU, 1 GiB / 2 GiB, 10 pods; another app already runs 3 pods of size S. */
    static final List<QuotaUsage> FREE_WITH_ONE_APP = List.of(q("requests.cpu", "300m", "1000m"),
            q("limits.cpu", "750m", "2000m"), q("requests.memory", "384Mi", "1024Mi"),
            q("limits.memory", "768Mi", "2048Mi"), q("pods", "3", "10"));

    @Test
    void a_second_app_of_two_small_replicas_fits_with_its_surge_pod() {
        var result = QuotaCheck.check(FREE_WITH_ONE_APP, new QuotaCheck.Change(0, ReplicaSize.S, 2, ReplicaSize.S));
        assertThat(result.fits()).isTrue();
    }

    @Test
    void three_medium_replicas_do_not_fit_and_the_refusal_has_numbers_and_ways_out() {
        var result = QuotaCheck.check(FREE_WITH_ONE_APP, new QuotaCheck.Change(0, ReplicaSize.S, 3, ReplicaSize.M));
        assertThat(result.fits()).isFalse();
        assertThat(result.shortfalls()).anySatisfy(s -> {
            assertThat(s.resource()).isEqualTo("requests.cpu");
            assertThat(s.needed()).isEqualByComparingTo(new BigDecimal("1.0"));
            assertThat(s.free()).isEqualByComparingTo(new BigDecimal("0.7"));
            assertThat(s.missing()).isEqualByComparingTo(new BigDecimal("0.3"));
        });
        assertThat(result.smallerSizeFits()).contains(ReplicaSize.S);
        // two M replicas plus the surge pod still need 750m of the 700m free: fewer replicas is no way out
        assertThat(result.fewerReplicasFit()).isEmpty();
    }

    @Test
    void scaling_an_app_counts_its_own_pods_as_freed() {
        // the app itself is the 3 running pods: going to 4 needs 5 pods of room out of 10, all of it free
        var result = QuotaCheck.check(FREE_WITH_ONE_APP, new QuotaCheck.Change(3, ReplicaSize.S, 4, ReplicaSize.S));
        assertThat(result.fits()).isTrue();
        var tooMany = QuotaCheck.check(FREE_WITH_ONE_APP, new QuotaCheck.Change(3, ReplicaSize.S, 10, ReplicaSize.S));
        assertThat(tooMany.shortfalls()).extracting(QuotaCheck.Shortfall::resource).contains("pods");
        assertThat(tooMany.fewerReplicasFit()).contains(7);
    }
}

package dev.nonstop.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.api.Test;

/** Usage reads in one unit per line, never "1 of 2000m" or "1Gi of 2048Mi". */
class QuotaUsageTest {

    static QuotaUsage q(String resource, String used, String hard) {
        return new QuotaUsage(resource, used, hard, new Quantity(used).getNumericalAmount(),
                new Quantity(hard).getNumericalAmount());
    }

    @Test
    void cpu_reads_in_cores_memory_in_one_unit_and_counts_as_counts() {
        assertThat(q("limits.cpu", "1", "2000m").shown()).containsExactly("1", "2 CPU");
        assertThat(q("requests.cpu", "350m", "1").shown()).containsExactly("0.35", "1 CPU");
        assertThat(q("limits.memory", "1Gi", "2048Mi").shown()).containsExactly("1024", "2048 MiB");
        assertThat(q("limits.memory", "1536Mi", "36Gi").shown()).containsExactly("1.5", "36 GiB");
        assertThat(q("pods", "3", "10").shown()).containsExactly("3", "10");
    }
}

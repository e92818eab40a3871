package dev.nonstop.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nonstop.metrics.Metric;
import dev.nonstop.metrics.TimeRange;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every query is bound to the tenant's namespace and its apps' pods; no name can widen it. */
class PromQlTest {

    @Test
    void every_query_names_the_namespace_and_only_the_apps_asked_for() {
        for (Metric metric : Metric.values()) {
            for (String query : PromQl.of(metric, "t-acme", List.of("web", "api"), TimeRange.HOUR_1)) {
                assertThat(query).as(metric.name()).contains("namespace=\"t-acme\"");
                if (metric == Metric.QUOTA) {
                    continue; // the tenant's quota: the namespace is the whole of it
                }
                assertThat(query).as(metric.name()).containsAnyOf("pod=~\"(web|api)-[a-z0-9]+-[a-z0-9]+\"",
                        "deployment=~\"(web|api)\"");
                assertThat(query).as(metric.name()).doesNotContain("namespace=~");
            }
        }
        assertThat(PromQl.of(Metric.REPLICAS, "t-acme", List.of("web"), TimeRange.HOUR_1)).hasSize(2);
    }

    @Test
    void a_name_that_is_not_a_dns_label_is_refused_before_any_query() {
        for (String hostile : List.of("web\"}) or vector(1) #", ".*", "web|api", "Web", "", "t-acme\",namespace=~\".+")) {
            assertThatThrownBy(() -> PromQl.of(Metric.CPU, "t-acme", List.of(hostile), TimeRange.HOUR_1))
                    .as(hostile).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> PromQl.of(Metric.CPU, hostile, List.of("web"), TimeRange.HOUR_1))
                    .as(hostile).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void rate_windows_cover_at_least_four_scrapes() {
        assertThat(PromQl.window(TimeRange.MINUTES_15)).isEqualTo("60s");
        assertThat(PromQl.window(TimeRange.DAYS_7)).isEqualTo("7200s");
    }
}

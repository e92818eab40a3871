package dev.nonstop.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Grafana dashboards in monitoring/grafana have the shape Grafana imports (there is no Grafana
 * here): titles, unique ids, a Prometheus data source variable, panels that do not overlap, and
 * queries bound to tenant namespaces. PrometheusMetricsTest runs every one of their queries.
 */
public class GrafanaDashboardsTest {

    static final Path DIR = Path.of("monitoring/grafana");
    static final JsonMapper JSON = JsonMapper.builder().build();

    public static List<JsonNode> dashboards() throws Exception {
        try (Stream<Path> files = Files.list(DIR)) {
            List<JsonNode> all = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                all.add(JSON.readTree(Files.readString(file)));
            }
            return all;
        }
    }

    /** Every PromQL expression of every panel. */
    public static List<String> expressions(JsonNode dashboard) {
        List<String> exprs = new ArrayList<>();
        dashboard.path("panels").forEach(p -> p.path("targets").forEach(t -> exprs.add(t.path("expr").asString())));
        return exprs;
    }

    @Test
    void each_dashboard_has_the_shape_grafana_imports() throws Exception {
        List<JsonNode> dashboards = dashboards();
        assertThat(dashboards).extracting(d -> d.path("uid").asString())
                .containsExactlyInAnyOrder("nonstop-platform", "nonstop-tenant");
        for (JsonNode d : dashboards) {
            String uid = d.path("uid").asString();
            assertThat(d.path("title").asString()).as(uid).isNotBlank();
            assertThat(d.path("schemaVersion").asInt()).as(uid).isGreaterThanOrEqualTo(36);
            assertThat(d.path("templating").path("list").get(0).path("type").asString()).isEqualTo("datasource");
            Set<Integer> ids = new HashSet<>();
            List<int[]> boxes = new ArrayList<>();
            for (JsonNode panel : d.path("panels")) {
                String title = uid + " / " + panel.path("title").asString();
                assertThat(panel.path("title").asString()).as(title).isNotBlank();
                assertThat(ids.add(panel.path("id").asInt())).as(title + " has a unique id").isTrue();
                assertThat(panel.path("datasource").path("uid").asString()).as(title).isEqualTo("${datasource}");
                assertThat(panel.path("targets")).as(title).isNotEmpty();
                panel.path("targets").forEach(t -> assertThat(t.path("expr").asString()).as(title).isNotBlank());
                JsonNode g = panel.path("gridPos");
                int[] box = {g.path("x").asInt(), g.path("y").asInt(), g.path("w").asInt(), g.path("h").asInt()};
                assertThat(box[0] + box[2]).as(title + " fits 24 columns").isLessThanOrEqualTo(24);
                for (int[] other : boxes) {
                    boolean overlap = box[0] < other[0] + other[2] && other[0] < box[0] + box[2]
                            && box[1] < other[1] + other[3] && other[1] < box[1] + box[3];
                    assertThat(overlap).as(title + " overlaps another panel").isFalse();
                }
                boxes.add(box);
            }
        }
    }

    @Test
    void tenant_queries_stay_in_tenant_namespaces() throws Exception {
        for (JsonNode d : dashboards()) {
            for (String expr : expressions(d)) {
                if (d.path("uid").asString().equals("nonstop-tenant")) {
                    assertThat(expr).contains("namespace=\"$namespace\"");
                } else {
                    assertThat(expr).containsAnyOf("namespace=~\"t-.+\"", "job=\"nonstop-portal\"",
                            "namespace=\"nonstop-builds\"");
                }
            }
        }
    }
}

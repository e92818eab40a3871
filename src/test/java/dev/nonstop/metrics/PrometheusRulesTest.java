package dev.nonstop.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The alerting rules shipped in monitoring/prometheus are valid for Prometheus and do what their unit
 * tests say (promtool from the Debian package; skipped without it, except in CI).
 */
class PrometheusRulesTest {

    static final Path PROMTOOL = Path.of(System.getenv().getOrDefault("NONSTOP_PROMTOOL", "/usr/bin/promtool"));
    static final Path DIR = Path.of("monitoring/prometheus");

    private static String promtool(String... args) throws Exception {
        if (!Files.isExecutable(PROMTOOL)) {
            String message = "No promtool at " + PROMTOOL + ": install it with 'apt-get install -y prometheus'";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(message);
            }
            Assumptions.abort(message);
        }
        List<String> command = new java.util.ArrayList<>(List.of(PROMTOOL.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", args) + "\n" + output).isZero();
        return output;
    }

    @Test
    void the_rules_are_valid_and_pass_their_unit_tests() throws Exception {
        assertThat(promtool("check", "rules", "nonstop-rules.yml")).contains("SUCCESS: 8 rules found");
        assertThat(promtool("test", "rules", "nonstop-rules.test.yml")).contains("SUCCESS");
    }

    @Test
    void every_rule_is_bound_to_tenant_namespaces() throws Exception {
        String rules = Files.readString(DIR.resolve("nonstop-rules.yml"));
        // each expression selects tenant namespaces only, so an alert always belongs to one tenant
        long exprs = rules.lines().filter(l -> l.strip().startsWith("expr:")).count();
        assertThat(exprs).isEqualTo(8);
        for (String block : rules.split("- alert: ")) {
            if (block.contains("expr:")) {
                assertThat(block).as(block.lines().findFirst().orElse("")).contains("namespace=~\"t-.+\"");
            }
        }
    }
}

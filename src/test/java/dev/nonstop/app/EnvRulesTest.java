package dev.nonstop.app;

import static dev.nonstop.testsupport.Refusals.refusedWith;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvRulesTest {

    @Test
    void ordinary_names_in_either_case_are_accepted() {
        assertThat(EnvRules.checkedName("DATABASE_URL")).isEqualTo("DATABASE_URL");
        assertThat(EnvRules.checkedName("spring_profiles_active")).isEqualTo("spring_profiles_active");
        assertThat(EnvRules.checkedName("_private")).isEqualTo("_private");
        assertThat(EnvRules.checkedName("JAVA_TOOL_OPTIONS")).isEqualTo("JAVA_TOOL_OPTIONS");
    }

    @Test
    void malformed_names_are_refused() {
        for (String name : new String[] {"1ST", "MY-VAR", "A B", "", "É", "X".repeat(101), "A=B"}) {
            refusedWith(() -> EnvRules.checkedName(name), "app.config.name");
        }
    }

    @Test
    void reserved_names_and_families_are_refused_whatever_their_case() {
        refusedWith(() -> EnvRules.checkedName("path"), "app.config.name-reserved.path");
        refusedWith(() -> EnvRules.checkedName("Port"), "app.config.name-reserved.port");
        refusedWith(() -> EnvRules.checkedName("HOME"), "app.config.name-reserved.home");
        refusedWith(() -> EnvRules.checkedName("LD_LIBRARY_PATH"), "app.config.name-prefix.ld");
        refusedWith(() -> EnvRules.checkedName("ld_audit"), "app.config.name-prefix.ld");
        refusedWith(() -> EnvRules.checkedName("KUBERNETES_PORT_443_TCP"), "app.config.name-prefix.kubernetes");
        refusedWith(() -> EnvRules.checkedName("NONSTOP_SECRET"), "app.config.name-prefix.nonstop");
    }

    @Test
    void values_are_bounded_in_bytes_and_may_not_hold_nul() {
        assertThat(EnvRules.checkedValue("A", "x".repeat(EnvRules.MAX_VALUE_BYTES))).hasSize(4096);
        // 1,400 Hangul syllables are 4,200 bytes in UTF-8: over the bound although under 4,096 characters
        refusedWith(() -> EnvRules.checkedValue("A", "가".repeat(1400)), "app.config.value");
        refusedWith(() -> EnvRules.checkedValue("A", "a\u0000b"), "app.config.value-nul");
    }

    @Test
    void the_whole_set_is_bounded_together_with_secrets() {
        Map<String, String> half = new java.util.HashMap<>();
        for (int i = 0; i < 9; i++) {
            half.put("P" + i, "x".repeat(4000));
        }
        EnvRules.checkTotal(half, Map.of());
        refusedWith(() -> EnvRules.checkTotal(half, half), "app.config.total");
    }
}

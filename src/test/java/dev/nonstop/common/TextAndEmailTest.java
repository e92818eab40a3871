package dev.nonstop.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextAndEmailTest {

    @Test
    void korean_and_other_scripts_are_kept_as_typed() {
        assertThat(Text.require("field.company-name", "  주식회사 논스톱 ", 100)).isEqualTo("주식회사 논스톱");
        assertThat(Text.require("field.company-name", "شركة", 100)).isEqualTo("شركة");
        assertThat(Text.require("field.company-name", "<b>Acme</b>", 100)).isEqualTo("<b>Acme</b>");
    }

    @Test
    void empty_and_blank_text_is_refused_naming_the_field() {
        assertThatThrownBy(() -> Text.require("field.company-name", "   ", 100))
                .isInstanceOfSatisfying(UserError.class, e -> {
                    assertThat(e.key()).isEqualTo("error.text.empty");
                    assertThat(e.args()).containsExactly("field.company-name");
                });
    }

    @Test
    void oversized_text_is_refused_counting_characters_not_bytes() {
        assertThat(Text.require("f", "가".repeat(100), 100)).hasSize(100);
        assertThatThrownBy(() -> Text.require("f", "가".repeat(101), 100))
                .extracting(e -> ((UserError) e).key()).isEqualTo("error.text.too-long");
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil\u202Egnp.exe", "a\u0000b", "tab\there", "zero\u200Bwidth", "bell\u0007", "iso\u2066late"})
    void control_and_bidi_override_characters_are_refused(String hostile) {
        assertThatThrownBy(() -> Text.require("f", hostile, 100))
                .extracting(e -> ((UserError) e).key()).isEqualTo("error.text.invalid-characters");
    }

    @Test
    void emails_are_normalised_and_checked() {
        assertThat(Email.parse("  Kim@Example.CO.KR ").value()).isEqualTo("kim@example.co.kr");
        assertThatThrownBy(() -> Email.parse("")).extracting(e -> ((UserError) e).key()).isEqualTo("error.email.empty");
        for (String bad : new String[] {"no-at-sign", "a@b", "a@-b.com", "<script>@x.com", "김@example.com",
                "a@" + "x".repeat(250) + ".com", "a b@c.com"}) {
            assertThatThrownBy(() -> Email.parse(bad)).as(bad)
                    .extracting(e -> ((UserError) e).key()).isEqualTo("error.email.invalid");
        }
    }
}

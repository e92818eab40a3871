package dev.nonstop.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TenantSlugTest {

    @Test
    void company_names_become_dns_safe_slugs() {
        assertThat(TenantSlug.suggest("Acme Corp.")).isEqualTo("acme-corp");
        assertThat(TenantSlug.suggest("  Café Ünïcode  GmbH ")).isEqualTo("cafe-unicode-gmbh");
        assertThat(TenantSlug.suggest("<script>alert(1)</script>")).isEqualTo("script-alert-1-script");
        assertThat(TenantSlug.suggest("A".repeat(80))).hasSize(TenantSlug.MAX_LENGTH);
    }

    @Test
    void a_korean_name_suggests_its_romanized_form_instead_of_nothing() {
        assertThat(TenantSlug.suggest("카카오")).isEqualTo("kakao");
        assertThat(TenantSlug.suggest("민지 베이커리")).isEqualTo("minji-beikeori");
        assertThat(TenantSlug.suggest("한빛 Coffee 2호점")).isEqualTo("hanbit-coffee-2hojeom");
    }

    @Test
    void names_that_give_no_usable_slug_ask_the_user_for_one() {
        assertThat(TenantSlug.suggest("ab")).isEmpty();
        assertThat(TenantSlug.suggest("Kube System")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ab", "-abc", "abc-", "a--b", "ABC!", "a.b.c", "한글회사", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void malformed_slugs_are_refused_with_the_rule(String raw) {
        assertThatThrownBy(() -> TenantSlug.parse(raw))
                .isInstanceOf(UserError.class)
                .extracting(e -> ((UserError) e).key()).isEqualTo("error.slug.invalid");
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "kube-system", "admin", "nonstop"})
    void reserved_names_are_refused(String raw) {
        assertThatThrownBy(() -> TenantSlug.parse(raw))
                .extracting(e -> ((UserError) e).key()).isEqualTo("error.slug.reserved");
    }

    @Test
    void typed_slugs_are_lower_cased_and_trimmed() {
        assertThat(TenantSlug.parse("  My-Shop2 ").value()).isEqualTo("my-shop2");
        assertThat(TenantSlug.parse("9lives").value()).isEqualTo("9lives");
    }
}

package dev.nonstop.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nonstop.common.TenantSlug;
import dev.nonstop.common.UserError;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a user types as the tenant's URL name either becomes a valid namespace name (an RFC 1123 DNS
 * label, at most 63 characters), distinct for distinct tenants, or is refused with the rule.
 */
class NamespaceNameTest {

    static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    @ParameterizedTest
    @CsvSource({"acme,t-acme", "ACME,t-acme", "  Acme-Corp ,t-acme-corp", "123go,t-123go", "9to5,t-9to5",
        "a1b2c3,t-a1b2c3", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx,t-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void accepted_names_map_to_valid_namespaces(String typed, String namespace) {
        String actual = TenantSlug.parse(typed).namespace();
        assertThat(actual).isEqualTo(namespace).matches(DNS_LABEL).hasSizeLessThanOrEqualTo(63);
    }

    @ParameterizedTest
    @ValueSource(strings = {"acme.corp", "a.b", "회사", "café", "ｆｕｌｌｗｉｄｔｈ", "a_b", "-lead", "trail-",
        "a--b", "x", "this-name-is-far-too-long-for-a-tenant-slug-and-goes-past-sixty-four-characters-total",
        "kube-system", "default", "kube-public", "kube-node-lease", "KUBE-SYSTEM", "tekton-pipelines"})
    void other_names_are_refused_with_a_reason(String typed) {
        assertThatThrownBy(() -> TenantSlug.parse(typed)).isInstanceOfSatisfying(UserError.class,
                e -> assertThat(e.key()).isIn("error.slug.invalid", "error.slug.reserved"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"acme,acme-1,acme1,1acme,ac-me,a-cme"})
    void distinct_tenants_never_share_a_namespace(String list) {
        Set<String> namespaces = new HashSet<>();
        for (String slug : list.split(",")) {
            assertThat(namespaces.add(TenantSlug.parse(slug).namespace())).isTrue();
        }
    }
}

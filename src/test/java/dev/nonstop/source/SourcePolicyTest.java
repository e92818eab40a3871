package dev.nonstop.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Git URL policy: what is accepted, and every SSRF-shaped input refused with its own reason. */
class SourcePolicyTest {

    /** Names the "DNS" knows in these tests. */
    static final Map<String, String> DNS = Map.of(
            "github.com", "140.82.112.3",
            "gitlab.example.com", "203.0.113.10",
            "internal.example.com", "10.1.2.3",
            "metadata.example.com", "169.254.169.254",
            "sneaky.example.com", "::ffff:127.0.0.1");

    static final HostResolver RESOLVER = host -> {
        String address = DNS.get(host);
        if (address == null) {
            throw new UnknownHostException(host);
        }
        return List.of(InetAddress.getByName(address));
    };

    final SourcePolicy policy = new SourcePolicy(new SourceSettings(List.of("github.com", "gitlab.example.com",
            "internal.example.com", "metadata.example.com", "sneaky.example.com"), List.of(), null, 0), RESOLVER);

    @ParameterizedTest
    @CsvSource({
        "https://github.com/acme/shop, , https://github.com/acme/shop, ",
        "https://github.com/acme/shop.git, , https://github.com/acme/shop, ",
        "https://github.com/acme/shop/, develop, https://github.com/acme/shop, develop",
        "https://github.com/acme/shop/tree/release/2.0, , https://github.com/acme/shop, release/2.0",
        "  https://GitHub.com/Acme/my.site  , v1.2.3, https://github.com/Acme/my.site, v1.2.3",
        "https://gitlab.example.com/team/api, 0123456789abcdef0123456789abcdef01234567, https://gitlab.example.com/team/api, 0123456789abcdef0123456789abcdef01234567"})
    void accepted_forms(String url, String ref, String repository, String expectedRef) {
        GitSource source = policy.accept(url, ref);
        assertThat(source.display()).isEqualTo(repository);
        assertThat(source.ref()).isEqualTo(expectedRef);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "file:///etc/passwd | source.url.scheme",
        "ssh://git@github.com/acme/shop.git | source.url.scheme",
        "git://github.com/acme/shop.git | source.url.scheme",
        "http://github.com/acme/shop | source.url.http",
        "ext::sh -c touch% /tmp/pwned | source.url.not-ascii",
        "ext::sh | source.url.transport",
        "https://127.0.0.1/acme/shop | source.address.loopback",
        "https://10.0.0.1/acme/shop | source.address.private",
        "https://169.254.169.254/latest/meta-data | source.address.link-local",
        "https://[::1]/acme/shop | source.address.loopback",
        "https://[::ffff:127.0.0.1]/acme/shop | source.address.mapped",
        "https://[fd00::1]/acme/shop | source.address.unique-local",
        "https://internal.example.com/acme/shop | source.host.resolves-to",
        "https://metadata.example.com/acme/shop | source.host.resolves-to",
        "https://sneaky.example.com/acme/shop | source.host.resolves-to",
        "https://user:pass@github.com/acme/shop | source.url.credentials",
        "https://ghp_token@github.com/acme/shop | source.url.credentials",
        "https://gíthub.com/acme/shop | source.url.not-ascii",
        "https://xn--gthub-zsa.com/acme/shop | source.url.host",
        "https://evil.example.org/acme/shop | source.url.host",
        "https://github.com:8443/acme/shop | source.url.port",
        "https://github.com/acme | source.url.path",
        "https://github.com/acme/shop/issues/1 | source.url.path",
        "https://github.com/../etc/passwd | source.url.path",
        "https://github.com/acme/shop?ref=main | source.url.query",
        "git@github.com:acme/shop.git | source.url.malformed",
        "' ' | source.url.empty"})
    void refused_with_their_own_reason(String url, String key) {
        assertThatThrownBy(() -> policy.accept(url.equals("' '") ? " " : url, null))
                .isInstanceOfSatisfying(SourceRefused.class, e -> assertThat(e.key()).isEqualTo(key));
    }

    @Test
    void a_five_thousand_character_url_is_refused_for_its_length() {
        String url = "https://github.com/acme/" + "a".repeat(5000);
        assertThatThrownBy(() -> policy.accept(url, null)).isInstanceOfSatisfying(SourceRefused.class,
                e -> assertThat(e.key()).isEqualTo("source.url.too-long"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--upload-pack=touch /tmp/x | source.ref.option",
        "-b | source.ref.option",
        "main..evil | source.ref.invalid",
        "feature branch | source.ref.invalid",
        "refs/heads/x~1 | source.ref.invalid",
        "branch.lock | source.ref.invalid"})
    void refs_that_could_be_options_or_are_not_ref_names_are_refused(String ref, String key) {
        assertThatThrownBy(() -> policy.accept("https://github.com/acme/shop", ref))
                .isInstanceOfSatisfying(SourceRefused.class, e -> assertThat(e.key()).isEqualTo(key));
        assertThatThrownBy(() -> policy.accept("https://github.com/acme/shop", "x".repeat(201)))
                .isInstanceOfSatisfying(SourceRefused.class, e -> assertThat(e.key()).isEqualTo("source.ref.too-long"));
    }

    @Test
    void a_redirect_to_a_private_address_is_refused_like_a_typed_one() {
        var from = java.net.URI.create("https://github.com/acme/shop.git/info/refs?service=git-upload-pack");
        assertThatThrownBy(() -> policy.checkRedirect(from, "https://169.254.169.254/acme/shop.git/info/refs"))
                .isInstanceOfSatisfying(SourceRefused.class,
                        e -> assertThat(e.key()).isEqualTo("source.address.link-local"));
        assertThatThrownBy(() -> policy.checkRedirect(from, "http://github.com/acme/shop.git/info/refs"))
                .isInstanceOfSatisfying(SourceRefused.class, e -> assertThat(e.key()).isEqualTo("source.url.http"));
        assertThat(policy.checkRedirect(from, "/acme/renamed.git/info/refs?service=git-upload-pack").getPath())
                .isEqualTo("/acme/renamed.git/info/refs");
    }

    @Test
    void loopback_is_reachable_only_for_test_hosts_named_in_configuration() {
        SourcePolicy tests = new SourcePolicy(new SourceSettings(null, List.of("127.0.0.1:9418"), null, 0), RESOLVER);
        assertThat(tests.accept("http://127.0.0.1:9418/fixtures/app", null).host()).isEqualTo("127.0.0.1");
        assertThatThrownBy(() -> tests.accept("http://127.0.0.1:9419/fixtures/app", null))
                .isInstanceOf(SourceRefused.class);
        assertThatThrownBy(() -> policy.accept("http://127.0.0.1:9418/fixtures/app", null))
                .isInstanceOf(SourceRefused.class);
    }
}

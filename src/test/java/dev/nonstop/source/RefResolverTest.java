package dev.nonstop.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nonstop.testsupport.GitServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Resolving refs against a real Git server (git http-backend on loopback, allowed as a test host). */
class RefResolverTest {

    static GitServer git;
    static String appCommit;
    static SourcePolicy policy;
    static RefResolver resolver;

    @BeforeAll
    static void start() throws Exception {
        git = new GitServer(Files.createTempDirectory("git-root"));
        appCommit = git.create("acme", "shop", Map.of("Dockerfile", "FROM nginx\nEXPOSE 8080\n"),
                List.of("develop", "feature/login"), List.of("v1.0"));
        git.create("private", "ledger", Map.of("README.md", "secret"), List.of(), List.of());
        git.create("acme", "empty", Map.of(), List.of(), List.of());
        git.redirect("acme", "moved", "https://169.254.169.254/latest/meta-data.git/info/refs");
        SourceSettings settings = new SourceSettings(null, List.of(git.hostAndPort(), "127.0.0.1:1"),
                Duration.ofSeconds(5), 0);
        policy = new SourcePolicy(settings, HostResolver.DNS);
        resolver = new RefResolver(policy, settings);
    }

    @AfterAll
    static void stop() {
        git.close();
    }

    private ResolvedRef resolve(String owner, String name, String ref, String token) {
        return resolver.resolve(policy.accept(git.url(owner, name), ref), token);
    }

    @Test
    void no_ref_means_the_default_branch() {
        ResolvedRef head = resolve("acme", "shop", null, null);
        assertThat(head.commit()).isEqualTo(appCommit);
        assertThat(head.refName()).isEqualTo("refs/heads/main");
        assertThat(head.branches()).containsExactly("develop", "feature/login", "main");
    }

    @Test
    void branches_and_annotated_tags_resolve_to_their_commit() {
        assertThat(resolve("acme", "shop", "feature/login", null).commit()).isEqualTo(appCommit);
        ResolvedRef tag = resolve("acme", "shop", "v1.0", null);
        assertThat(tag.commit()).isEqualTo(appCommit);
        assertThat(tag.shortName()).isEqualTo("v1.0");
    }

    @Test
    void a_missing_branch_lists_the_branches_found() {
        assertThatThrownBy(() -> resolve("acme", "shop", "mian", null)).isInstanceOfSatisfying(SourceRefused.class,
                e -> {
                    assertThat(e.key()).isEqualTo("source.ref.missing");
                    assertThat(e.args()).containsExactly("mian", "develop, feature/login, main");
                });
    }

    @Test
    void a_private_repository_asks_for_a_token_and_opens_with_one() {
        assertThatThrownBy(() -> resolve("private", "ledger", null, null)).isInstanceOfSatisfying(
                SourceRefused.class, e -> assertThat(e.key()).isEqualTo("source.repo.not-found-or-private"));
        assertThatThrownBy(() -> resolve("private", "ledger", null, "wrong")).isInstanceOfSatisfying(
                SourceRefused.class, e -> assertThat(e.key()).isEqualTo("source.repo.token-refused"));
        assertThat(resolve("private", "ledger", null, GitServer.TOKEN).refName()).isEqualTo("refs/heads/main");
    }

    @Test
    void a_missing_repository_says_not_found_or_private() {
        assertThatThrownBy(() -> resolve("acme", "nothing-here", null, null)).isInstanceOfSatisfying(
                SourceRefused.class, e -> assertThat(e.key()).isEqualTo("source.repo.not-found-or-private"));
    }

    @Test
    void an_empty_repository_says_so() {
        assertThatThrownBy(() -> resolve("acme", "empty", null, null)).isInstanceOfSatisfying(
                SourceRefused.class, e -> assertThat(e.key()).isEqualTo("source.repo.empty"));
    }

    @Test
    void a_redirect_to_the_metadata_address_is_not_followed() {
        assertThatThrownBy(() -> resolve("acme", "moved", null, null)).isInstanceOfSatisfying(
                SourceRefused.class, e -> assertThat(e.key()).isEqualTo("source.address.link-local"));
    }

    @Test
    void a_host_that_does_not_answer_in_time_says_so() {
        git.create("acme", "hanging", Map.of("README.md", "x"), List.of(), List.of());
        git.delay("acme", "hanging", Duration.ofSeconds(5));
        SourceSettings quick = new SourceSettings(null, List.of(git.hostAndPort()), Duration.ofSeconds(1), 0);
        RefResolver impatient = new RefResolver(new SourcePolicy(quick, HostResolver.DNS), quick);
        assertThatThrownBy(() -> impatient.resolve(policy.accept(git.url("acme", "hanging"), null), null))
                .isInstanceOfSatisfying(SourceRefused.class, e -> assertThat(e.key()).isEqualTo("source.repo.timeout"));
    }

    @Test
    void an_unreachable_host_says_so() {
        assertThatThrownBy(() -> resolver.resolve(policy.accept("http://127.0.0.1:1/acme/shop", null), null))
                .isInstanceOfSatisfying(SourceRefused.class,
                        e -> assertThat(e.key()).isEqualTo("source.repo.unreachable"));
    }
}

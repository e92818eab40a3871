package dev.nonstop.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nonstop.testsupport.GitServer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Fetching one commit from a real Git server and detecting the stack, within size bounds. */
class SourceFetcherTest {

    static GitServer git;
    static SourcePolicy policy;
    static RefResolver resolver;
    static SourceFetcher fetcher;

    @BeforeAll
    static void start() throws Exception {
        git = new GitServer(Files.createTempDirectory("git-root"));
        git.create("acme", "docker-app", Map.of("Dockerfile", "FROM nginx\nEXPOSE 8081\n", "src/index.js", "x"),
                List.of("develop"), List.of());
        git.create("acme", "maven-app", Map.of("pom.xml",
                "<project><dependency><artifactId>spring-boot-starter-actuator</artifactId></dependency></project>",
                "src/main/java/App.java", "class App {}"), List.of(), List.of());
        git.create("acme", "node-app", Map.of("package.json", "{\"scripts\":{\"start\":\"node server.js\"}}",
                "server.js", "require('http')"), List.of(), List.of());
        git.create("acme", "notes", Map.of("README.md", "just notes"), List.of(), List.of());
        byte[] big = new byte[3 * 1024 * 1024];
        new Random(7).nextBytes(big);
        git.create("acme", "huge", Map.of("Dockerfile", "FROM x", "blob.bin", big), List.of(), List.of());
        git.create("private", "shop", Map.of("Dockerfile", "FROM x\nEXPOSE 9000\n"), List.of(), List.of());
        SourceSettings settings = new SourceSettings(null, List.of(git.hostAndPort()), Duration.ofSeconds(10),
                1024 * 1024);
        policy = new SourcePolicy(settings, HostResolver.DNS);
        resolver = new RefResolver(policy, settings);
        fetcher = new SourceFetcher(settings, policy);
    }

    @AfterAll
    static void stop() {
        git.close();
    }

    private Detection detect(String owner, String name, String ref, String token) {
        ResolvedRef resolved = resolver.resolve(policy.accept(git.url(owner, name), ref), token);
        SourceTree tree = fetcher.fetch(resolved, token);
        assertThat(tree.commit()).isEqualTo(resolved.commit());
        return SourceDetector.detect(tree);
    }

    @Test
    void a_commit_is_described_without_fetching_its_files() {
        ResolvedRef huge = resolver.resolve(policy.accept(git.url("acme", "huge"), null), null);
        // its files are over the fetch bound, its commit alone is not
        assertThatThrownBy(() -> fetcher.fetch(huge, null)).isInstanceOf(SourceRefused.class);
        assertThat(fetcher.describe(huge, null)).contains(new CommitNote("fixture huge", "Fixture"));
        // the branch no longer points at the commit asked about: nothing rather than another commit's words
        ResolvedRef moved = new ResolvedRef(huge.source(), "0".repeat(40), huge.refName(), List.of());
        assertThat(fetcher.describe(moved, null)).isEmpty();
    }

    @Test
    void a_dockerfile_app_from_a_branch() {
        Detection d = detect("acme", "docker-app", "develop", null);
        assertThat(d.kind()).isEqualTo(StackKind.DOCKERFILE);
        assertThat(d.port()).isEqualTo(8081);
    }

    @Test
    void a_maven_app_and_a_node_app() {
        Detection maven = detect("acme", "maven-app", null, null);
        assertThat(maven.kind()).isEqualTo(StackKind.JAVA_MAVEN);
        assertThat(maven.healthPath()).isEqualTo("/actuator/health");
        assertThat(detect("acme", "node-app", null, null).kind()).isEqualTo(StackKind.NODE);
    }

    @Test
    void a_repository_with_nothing_to_build() {
        assertThat(detect("acme", "notes", null, null).buildable()).isFalse();
    }

    @Test
    void a_repository_over_the_size_bound_is_stopped_with_the_limit() {
        assertThatThrownBy(() -> detect("acme", "huge", null, null)).isInstanceOfSatisfying(SourceRefused.class,
                e -> {
                    assertThat(e.key()).isEqualTo("source.fetch.too-big");
                    assertThat(e.args()).containsExactly(1L);
                });
    }

    @Test
    void a_private_repository_is_fetched_with_its_token() {
        assertThat(detect("private", "shop", null, GitServer.TOKEN).port()).isEqualTo(9000);
    }
}

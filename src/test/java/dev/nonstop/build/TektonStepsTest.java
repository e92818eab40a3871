package dev.nonstop.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nonstop.build.TektonSteps.TaskResult;
import dev.nonstop.testsupport.GitServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every step script of {@code tekton/tasks.yaml}, run as Tekton would run it ({@link TektonSteps}): the
 * clone step against a real Git server (public and private repositories; a branch, a tag, a commit id),
 * the build steps and the push step against recording stand-ins for buildah, the buildpacks lifecycle
 * and skopeo, so that the digest the push step reports is the one of the image the build step wrote.
 */
class TektonStepsTest {

    static final String IMAGE = "registry.example/apps/acme/shop:b42";

    @TempDir
    static Path shared;
    static GitServer git;
    static String mainCommit;
    static String featureCommit;
    static String tagCommit;

    @TempDir
    Path work;
    TektonSteps steps;
    Path source;

    @BeforeAll
    static void repositories() throws Exception {
        git = new GitServer(Files.createDirectories(shared.resolve("git")));
        mainCommit = git.create("acme", "shop", Map.of("Dockerfile", "FROM scratch\n", "app/index.html", "main\n",
                "docker/Dockerfile", "FROM scratch\nCOPY . /srv\n"), List.of(), List.of());
        featureCommit = commit(shared.resolve("git/acme/shop.git"), "refs/heads/feature", "app/index.html", "feature\n");
        tagCommit = commit(shared.resolve("git/acme/shop.git"), "refs/tags/v1.0", "app/index.html", "release\n");
        git.create("private", "shop", Map.of("Dockerfile", "FROM scratch\n", "secret.txt", "private\n"), List.of(),
                List.of());
    }

    @AfterAll
    static void stop() {
        git.close();
    }

    @BeforeEach
    void newRun() throws IOException {
        steps = new TektonSteps(work);
        source = Files.createDirectories(work.resolve("workspace-source"));
    }

    // --- clone ---------------------------------------------------------------------------------------

    @Test
    void clone_fetches_a_commit_id_and_reports_it() throws Exception {
        TaskResult clone = clone(git.url("acme", "shop"), mainCommit, null);

        assertThat(clone.succeeded()).as(clone.output()).isTrue();
        assertThat(clone.results()).containsEntry("COMMIT", mainCommit);
        assertThat(source.resolve("src/app/index.html")).hasContent("main");
        assertThat(clone.output()).contains("Fetched commit " + mainCommit.substring(0, 7));
    }

    @Test
    void clone_fetches_a_branch_and_a_tag_and_reports_the_commit_each_points_to() throws Exception {
        TaskResult branch = clone(git.url("acme", "shop"), "feature", null);
        assertThat(branch.succeeded()).as(branch.output()).isTrue();
        assertThat(branch.results()).containsEntry("COMMIT", featureCommit);
        assertThat(source.resolve("src/app/index.html")).hasContent("feature");

        source = Files.createDirectories(work.resolve("workspace-tag"));
        TaskResult tag = clone(git.url("acme", "shop"), "v1.0", null);
        assertThat(tag.succeeded()).as(tag.output()).isTrue();
        assertThat(tag.results()).containsEntry("COMMIT", tagCommit);
        assertThat(source.resolve("src/app/index.html")).hasContent("release");
    }

    @Test
    void clone_of_a_private_repository_uses_the_mounted_token_and_writes_it_nowhere() throws Exception {
        Path credentials = Files.createDirectories(work.resolve("git-credentials"));
        Files.writeString(credentials.resolve("username"), "x-access-token");
        Files.writeString(credentials.resolve("password"), GitServer.TOKEN);

        TaskResult clone = clone(git.url("private", "shop"), "main", credentials);

        assertThat(clone.succeeded()).as(clone.output()).isTrue();
        assertThat(source.resolve("src/secret.txt")).hasContent("private");
        assertThat(clone.output()).doesNotContain(GitServer.TOKEN);
        try (var files = Files.walk(work)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.startsWith(credentials)).toList()) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString())
                        .doesNotContain(GitServer.TOKEN);
            }
        }
    }

    @Test
    void clone_of_a_private_repository_without_credentials_fails_at_once_instead_of_prompting() throws Exception {
        TaskResult clone = clone(git.url("private", "shop"), "main", null);

        assertThat(clone.succeeded()).isFalse();
        assertThat(clone.output()).containsIgnoringCase("could not read Username");
        assertThat(clone.results()).doesNotContainKey("COMMIT");
    }

    @Test
    void clone_takes_a_hostile_revision_as_a_name_not_an_option() throws Exception {
        Path marker = work.resolve("ran");
        TaskResult clone = clone(git.url("acme", "shop"), "--upload-pack=touch " + marker, null);

        assertThat(clone.succeeded()).isFalse();
        assertThat(marker).doesNotExist();
    }

    // --- build and push ------------------------------------------------------------------------------

    @Test
    void dockerfile_build_then_push_reports_the_digest_of_the_image_it_built() throws Exception {
        assertThat(clone(git.url("acme", "shop"), mainCommit, null).succeeded()).isTrue();

        TaskResult build = steps.run("build", TektonSteps.task("nonstop-build-dockerfile"),
                Map.of("context-dir", "app", "dockerfile", "docker/Dockerfile"), Map.of("source", source));
        assertThat(build.succeeded()).as(build.output()).isTrue();
        assertThat(steps.calls()).contains("buildah build --layers=false --isolation=chroot -f src/docker/Dockerfile"
                + " -t nonstop-build src/app STORAGE_DRIVER=vfs BUILDAH_ISOLATION=chroot");
        String built = manifestDigest(source.resolve("out/image"));

        TaskResult push = push(null);
        assertThat(push.succeeded()).as(push.output()).isTrue();
        assertThat(push.results()).containsEntry("IMAGE_DIGEST", built).containsEntry("IMAGE_URL", IMAGE);
        assertThat(steps.pushed()).isEqualTo(IMAGE + " " + built + " auth=none\n");
        assertThat(push.output()).contains("Pushed " + IMAGE + "@" + built);
    }

    @Test
    void buildpacks_build_puts_the_run_image_where_the_lifecycle_looks_and_push_reports_the_app_image()
            throws Exception {
        assertThat(clone(git.url("acme", "shop"), mainCommit, null).succeeded()).isTrue();

        TaskResult build = steps.run("build-buildpacks", TektonSteps.task("nonstop-build-buildpacks"),
                Map.of("context-dir", "app"), Map.of("source", source));
        assertThat(build.succeeded()).as(build.output()).isTrue();
        // the path the platform spec derives from docker.io/paketobuildpacks/run-jammy-base:latest
        assertThat(source.resolve("out/layout/index.docker.io/paketobuildpacks/run-jammy-base/latest/index.json"))
                .exists();
        assertThat(steps.calls()).contains("-run-image=index.docker.io/paketobuildpacks/run-jammy-base:latest")
                .contains("CNB_EXPERIMENTAL_MODE=warn").contains("-app=" + source.resolve("src/app") + " ");
        String built = manifestDigest(source.resolve("out/image"));

        TaskResult push = push(null);
        assertThat(push.succeeded()).as(push.output()).isTrue();
        assertThat(push.results()).containsEntry("IMAGE_DIGEST", built);
    }

    @Test
    void buildpacks_with_a_run_image_pinned_by_digest_uses_the_digest_path() throws Exception {
        assertThat(clone(git.url("acme", "shop"), mainCommit, null).succeeded()).isTrue();
        String hex = "a".repeat(64);

        TaskResult build = steps.run("build-buildpacks", TektonSteps.task("nonstop-build-buildpacks"),
                Map.of("run-image", "docker.io/paketobuildpacks/run-jammy-base@sha256:" + hex),
                Map.of("source", source));

        assertThat(build.succeeded()).as(build.output()).isTrue();
        assertThat(source.resolve("out/layout/index.docker.io/paketobuildpacks/run-jammy-base/sha256/" + hex)).isDirectory();
    }

    @Test
    void push_uses_registry_credentials_from_either_key_a_docker_config_secret_can_have() throws Exception {
        assertThat(clone(git.url("acme", "shop"), mainCommit, null).succeeded()).isTrue();
        assertThat(steps.run("build", TektonSteps.task("nonstop-build-dockerfile"), Map.of(),
                Map.of("source", source)).succeeded()).isTrue();
        Path secret = Files.createDirectories(work.resolve("registry-credentials"));
        Files.writeString(secret.resolve(".dockerconfigjson"), "{\"auths\":{\"registry.example\":{\"auth\":\"eDp5\"}}}");

        TaskResult push = push(secret);

        assertThat(push.succeeded()).as(push.output()).isTrue();
        assertThat(steps.pushed()).contains("auth=" + secret.resolve(".dockerconfigjson"));
    }

    @Test
    void push_fails_when_no_build_left_an_image() throws Exception {
        TaskResult push = push(null);

        assertThat(push.succeeded()).isFalse();
        assertThat(push.results()).doesNotContainKey("IMAGE_DIGEST");
    }

    // --- the harness itself ---------------------------------------------------------------------------

    @Test
    void a_script_that_reads_a_variable_its_step_does_not_define_fails() throws Exception {
        // the clone step as it was: env declared as repo-url, the script reading $REPO_URL
        Map<String, Object> broken = Map.of("params", List.of(Map.of("name", "repo-url")),
                "steps", List.of(Map.of("name", "clone",
                        "env", List.of(Map.of("name", "repo-url", "value", "$(params.repo-url)")),
                        "script", "#!/bin/sh\nset -eu\necho \"$REPO_URL\"\n")));

        TaskResult run = steps.run("broken", broken, Map.of("repo-url", git.url("acme", "shop")), Map.of());

        assertThat(run.succeeded()).isFalse();
        assertThat(run.output()).contains("REPO_URL: parameter not set");
    }

    @Test
    void a_script_that_refers_to_an_undeclared_param_fails() {
        Map<String, Object> broken = Map.of("steps", List.of(Map.of("name", "push",
                "script", "#!/bin/sh\necho $(params.image)\n")));

        assertThatThrownBy(() -> steps.run("broken", broken, Map.of(), Map.of()))
                .hasMessageContaining("$(params.image)");
    }

    @Test
    void no_script_puts_a_parameter_into_its_own_text() {
        for (String task : List.of("nonstop-clone", "nonstop-build-dockerfile", "nonstop-build-buildpacks",
                "nonstop-push")) {
            for (Map<String, Object> step : TektonSteps.list(TektonSteps.task(task).get("steps"))) {
                assertThat((String) step.get("script")).as(task + "/" + step.get("name"))
                        .doesNotContain("$(params.");
            }
        }
    }

    // --- helpers --------------------------------------------------------------------------------------

    private TaskResult clone(String url, String revision, Path credentials) throws Exception {
        Map<String, Path> workspaces = new LinkedHashMap<>();
        workspaces.put("source", source);
        if (credentials != null) {
            workspaces.put("git-credentials", credentials);
        }
        return steps.run("clone", TektonSteps.task("nonstop-clone"), Map.of("repo-url", url, "revision", revision),
                workspaces);
    }

    private TaskResult push(Path credentials) throws Exception {
        Map<String, Path> workspaces = new LinkedHashMap<>();
        workspaces.put("source", source);
        if (credentials != null) {
            workspaces.put("registry-credentials", credentials);
        }
        return steps.run("push", TektonSteps.task("nonstop-push"), Map.of("image", IMAGE), workspaces);
    }

    /** The digest of the image manifest in an OCI layout, checked against the blob it names. */
    static String manifestDigest(Path layout) throws Exception {
        Matcher digest = Pattern.compile("\"digest\":\"(sha256:[0-9a-f]{64})\"")
                .matcher(Files.readString(layout.resolve("index.json")));
        assertThat(digest.find()).as("index.json names a manifest").isTrue();
        Path blob = layout.resolve("blobs/sha256/" + digest.group(1).substring(7));
        String actual = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(blob)));
        assertThat(actual).isEqualTo(digest.group(1));
        return actual;
    }

    /** Adds a commit on top of main in a bare repository and points {@code ref} at it. */
    private static String commit(Path bare, String ref, String file, String content) throws Exception {
        Path clone = Files.createTempDirectory(shared, "commit-");
        run(shared, "git", "clone", "-q", bare.toString(), clone.toString());
        Files.writeString(clone.resolve(file), content);
        run(clone, "git", "-c", "user.email=fixture@example.test", "-c", "user.name=Fixture", "commit", "-qam", ref);
        run(clone, "git", "push", "-q", "origin", "HEAD:" + ref);
        return run(clone, "git", "rev-parse", "HEAD").strip();
    }

    private static String run(Path dir, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(out).isZero();
        return out;
    }
}

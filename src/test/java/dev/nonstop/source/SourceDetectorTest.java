package dev.nonstop.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What detection finds in typical repositories, and what the user may correct. */
class SourceDetectorTest {

    static SourceTree tree(Map<String, String> files, String... otherPaths) {
        List<String> paths = new java.util.ArrayList<>(files.keySet());
        paths.addAll(List.of(otherPaths));
        return new SourceTree("c0ffee", paths, files, false);
    }

    @Test
    void a_dockerfile_wins_and_its_expose_gives_the_port() {
        Detection d = SourceDetector.detect(tree(Map.of("Dockerfile", "FROM node:22\nEXPOSE 4000/tcp\n",
                "package.json", "{}")));
        assertThat(d.kind()).isEqualTo(StackKind.DOCKERFILE);
        assertThat(d.kind().usesDockerfile()).isTrue();
        assertThat(d.dockerfile()).isEqualTo("Dockerfile");
        assertThat(d.port()).isEqualTo(4000);
        assertThat(d.findings()).extracting(Detection.Finding::key)
                .containsExactly("source.found.dockerfile", "source.found.expose");
    }

    @Test
    void a_spring_boot_maven_app_gets_its_port_and_the_actuator_health_path() {
        Detection d = SourceDetector.detect(tree(Map.of(
                "pom.xml", "<project><artifactId>spring-boot-starter-actuator</artifactId></project>",
                "src/main/resources/application.properties", "server.port=9090\n")));
        assertThat(d.kind()).isEqualTo(StackKind.JAVA_MAVEN);
        assertThat(d.port()).isEqualTo(9090);
        assertThat(d.healthPath()).isEqualTo("/actuator/health");
    }

    @Test
    void stacks_without_a_dockerfile_get_framework_defaults() {
        assertThat(SourceDetector.detect(tree(Map.of("build.gradle.kts", "plugins {}"))).kind())
                .isEqualTo(StackKind.JAVA_GRADLE);
        Detection node = SourceDetector.detect(tree(Map.of("package.json",
                "{\"scripts\":{\"start\":\"next start -p 3100\"}}")));
        assertThat(node.kind()).isEqualTo(StackKind.NODE);
        assertThat(node.port()).isEqualTo(3100);
        assertThat(SourceDetector.detect(tree(Map.of("requirements.txt", "flask==3.0\n"))).port()).isEqualTo(5000);
        assertThat(SourceDetector.detect(tree(Map.of("requirements.txt", "django\ngunicorn\n"))).port())
                .isEqualTo(8000);
        assertThat(SourceDetector.detect(tree(Map.of("go.mod", "module x"))).kind()).isEqualTo(StackKind.GO);
        assertThat(SourceDetector.detect(tree(Map.of("index.html", "<h1>hi</h1>"))).kind())
                .isEqualTo(StackKind.STATIC);
    }

    @Test
    void nothing_to_build_says_what_was_looked_for() {
        Detection d = SourceDetector.detect(tree(Map.of("README.md", "# notes"), "docs/a.txt"));
        assertThat(d.buildable()).isFalse();
        assertThat(d.findings()).extracting(Detection.Finding::key).containsExactly("source.found.nothing");
    }

    @Test
    void nonstop_yaml_overrides_port_health_dockerfile_and_context() {
        Detection d = SourceDetector.detect(tree(Map.of(
                "nonstop.yaml", "# how to run\nport: 7000\nhealth: /healthz\ncontext: services/api\n"
                        + "dockerfile: services/api/Containerfile\n",
                "services/api/Containerfile", "FROM scratch\n")));
        assertThat(d.kind()).isEqualTo(StackKind.DOCKERFILE);
        assertThat(d.contextDir()).isEqualTo("services/api");
        assertThat(d.dockerfile()).isEqualTo("services/api/Containerfile");
        assertThat(d.port()).isEqualTo(7000);
        assertThat(d.healthPath()).isEqualTo("/healthz");
    }

    @Test
    void corrections_are_checked() {
        Detection d = SourceDetector.detect(tree(Map.of("Dockerfile", "FROM x")));
        assertThat(d.corrected(8081, "/ready", "build/Dockerfile", "build").port()).isEqualTo(8081);
        assertThatThrownBy(() -> d.corrected(70000, null, null, null)).isInstanceOf(SourceRefused.class);
        assertThatThrownBy(() -> d.corrected(null, "health", null, null)).isInstanceOf(SourceRefused.class);
        assertThatThrownBy(() -> d.corrected(null, null, "../../etc/passwd", null)).isInstanceOf(SourceRefused.class);
        assertThatThrownBy(() -> d.corrected(null, null, null, "/abs")).isInstanceOf(SourceRefused.class);
        assertThatThrownBy(() -> SourceDetector.detect(tree(Map.of("nonstop.yaml", "context: ../x")))).isInstanceOf(
                SourceRefused.class);
    }
}

package dev.nonstop.source;

import dev.nonstop.source.Detection.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides how to build a repository from its files: a Dockerfile first (its EXPOSE gives the port),
 * else a stack the buildpacks handle (Java with Maven or Gradle, Node, Python, Go, a static site), with
 * framework defaults for port and health path. A {@code nonstop.yaml} at the root overrides them
 * ({@code port}, {@code health}, {@code dockerfile}, {@code context}: one {@code key: value} per line).
 */
public final class SourceDetector {

    private static final List<String> WANTED = List.of("Dockerfile", "nonstop.yaml", "nonstop.yml", "pom.xml",
            "build.gradle", "build.gradle.kts", "package.json", "requirements.txt", "pyproject.toml", "go.mod",
            "index.html", "application.properties", "application.yml", "application.yaml", "Procfile");
    private static final Pattern EXPOSE = Pattern.compile("(?im)^\\s*EXPOSE\\s+(\\d{1,5})");
    private static final Pattern SERVER_PORT = Pattern.compile("(?m)^\\s*server\\.port\\s*[=:]\\s*(\\d{1,5})");
    private static final Pattern NODE_PORT = Pattern.compile("(?:PORT=|--port[= ]|-p )(\\d{2,5})");

    private SourceDetector() {
    }

    /** Whether a path's content is read for detection (by name, anywhere in the tree). */
    public static boolean wants(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return WANTED.contains(name) || name.startsWith("Dockerfile");
    }

    public static Detection detect(SourceTree tree) {
        List<Finding> findings = new ArrayList<>();
        Map<String, String> config = nonstopYaml(tree);
        if (!config.isEmpty()) {
            findings.add(new Finding("source.found.nonstop-yaml", String.join(", ", config.keySet())));
        }
        String context = config.containsKey("context") ? Detection.safePath(config.get("context")) : ".";
        String prefix = context.equals(".") ? "" : context + "/";
        String dockerfile = config.containsKey("dockerfile") ? Detection.safePath(config.get("dockerfile"))
                : prefix + "Dockerfile";
        Detection detection;
        if (tree.has(dockerfile)) {
            String text = tree.read(dockerfile).orElse("");
            Matcher expose = EXPOSE.matcher(text);
            int port = expose.find() ? Integer.parseInt(expose.group(1)) : 8080;
            findings.add(new Finding("source.found.dockerfile", dockerfile));
            findings.add(expose.reset().find() ? new Finding("source.found.expose", String.valueOf(port))
                    : new Finding("source.found.no-expose", String.valueOf(port)));
            detection = new Detection(StackKind.DOCKERFILE, dockerfile, context, port, "/", findings);
        } else {
            detection = stack(tree, prefix, context, findings);
        }
        if (config.containsKey("port") || config.containsKey("health")) {
            detection = detection.corrected(config.containsKey("port") ? parsePort(config.get("port")) : null,
                    config.get("health"), null, null);
        }
        return detection;
    }

    private static Detection stack(SourceTree tree, String prefix, String context, List<Finding> findings) {
        if (tree.has(prefix + "pom.xml")) {
            String pom = tree.read(prefix + "pom.xml").orElse("");
            return java(tree, StackKind.JAVA_MAVEN, "pom.xml", pom, prefix, context, findings);
        }
        for (String gradle : List.of("build.gradle.kts", "build.gradle")) {
            if (tree.has(prefix + gradle)) {
                return java(tree, StackKind.JAVA_GRADLE, gradle, tree.read(prefix + gradle).orElse(""), prefix,
                        context, findings);
            }
        }
        if (tree.has(prefix + "package.json")) {
            String pkg = tree.read(prefix + "package.json").orElse("");
            Matcher port = NODE_PORT.matcher(pkg);
            int p = port.find() ? Integer.parseInt(port.group(1)) : 3000;
            findings.add(new Finding("source.found.node", String.valueOf(p)));
            return new Detection(StackKind.NODE, "", context, p, "/", findings);
        }
        if (tree.has(prefix + "requirements.txt") || tree.has(prefix + "pyproject.toml")) {
            String deps = (tree.read(prefix + "requirements.txt").orElse("") + tree.read(prefix + "pyproject.toml")
                    .orElse("")).toLowerCase(Locale.ROOT);
            int port = deps.contains("flask") && !deps.contains("gunicorn") ? 5000 : 8000;
            findings.add(new Finding("source.found.python", String.valueOf(port)));
            return new Detection(StackKind.PYTHON, "", context, port, "/", findings);
        }
        if (tree.has(prefix + "go.mod")) {
            findings.add(new Finding("source.found.go", "8080"));
            return new Detection(StackKind.GO, "", context, 8080, "/", findings);
        }
        if (tree.has(prefix + "index.html")) {
            findings.add(new Finding("source.found.static", "8080"));
            return new Detection(StackKind.STATIC, "", context, 8080, "/", findings);
        }
        findings.add(new Finding("source.found.nothing"));
        return new Detection(StackKind.NONE, "", context, 8080, "/", findings);
    }

    private static Detection java(SourceTree tree, StackKind kind, String buildFile, String build, String prefix,
                                  String context, List<Finding> findings) {
        int port = 8080;
        for (String props : List.of("src/main/resources/application.properties",
                "src/main/resources/application.yml", "src/main/resources/application.yaml")) {
            Optional<String> text = tree.read(prefix + props);
            if (text.isPresent()) {
                Matcher m = SERVER_PORT.matcher(text.get());
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                }
                Matcher yaml = Pattern.compile("(?m)^\\s*port\\s*:\\s*(\\d{1,5})").matcher(text.get());
                if (props.endsWith("yml") || props.endsWith("yaml")) {
                    port = yaml.find() ? Integer.parseInt(yaml.group(1)) : port;
                }
            }
        }
        boolean actuator = build.contains("spring-boot-starter-actuator");
        findings.add(new Finding(kind == StackKind.JAVA_MAVEN ? "source.found.maven" : "source.found.gradle",
                buildFile, String.valueOf(port)));
        if (actuator) {
            findings.add(new Finding("source.found.actuator"));
        }
        return new Detection(kind, "", context, port, actuator ? "/actuator/health" : "/", findings);
    }

    private static Map<String, String> nonstopYaml(SourceTree tree) {
        String text = tree.read("nonstop.yaml").or(() -> tree.read("nonstop.yml")).orElse("");
        Map<String, String> config = new java.util.LinkedHashMap<>();
        for (String line : text.split("\\R")) {
            String clean = line.replaceAll("#.*$", "").strip();
            int colon = clean.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String key = clean.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = clean.substring(colon + 1).strip().replaceAll("^[\"']|[\"']$", "");
            if (List.of("port", "health", "dockerfile", "context").contains(key) && !value.isEmpty()) {
                config.put(key, value);
            }
        }
        return config;
    }

    private static Integer parsePort(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new SourceRefused("source.detect.port", value);
        }
    }
}

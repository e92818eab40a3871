package dev.nonstop.source;

import dev.nonstop.common.ServingRules;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What was found in a repository and what will happen: the stack, the Dockerfile and context
 * directory (for Dockerfile builds), the port the app listens on and the path that says it is
 * healthy, and the findings behind each choice (message keys with arguments) to show the user.
 */
public record Detection(StackKind kind, String dockerfile, String contextDir, int port, String healthPath,
                        List<Finding> findings) {

    /** One thing detection saw, as a message key and its arguments. */
    public record Finding(String key, List<Object> args) {
        public Finding(String key, Object... args) {
            this(key, List.of(args));
        }
    }

    public boolean buildable() {
        return kind != StackKind.NONE;
    }

    /** The user's corrections (null keeps what was detected); each is checked. */
    public Detection corrected(@Nullable Integer newPort, @Nullable String newHealthPath, @Nullable String newDockerfile,
                               @Nullable String newContextDir) {
        int p = newPort == null ? port : newPort;
        if (!ServingRules.validPort(p)) {
            throw new SourceRefused("source.detect.port", p);
        }
        String health = newHealthPath == null || newHealthPath.isBlank() ? healthPath : newHealthPath.strip();
        if (!ServingRules.validHealthPath(health)) {
            throw new SourceRefused("source.detect.health", health);
        }
        String file = newDockerfile == null || newDockerfile.isBlank() ? dockerfile : safePath(newDockerfile.strip());
        String context = newContextDir == null || newContextDir.isBlank() ? contextDir : safePath(newContextDir.strip());
        return new Detection(kind, file, context, p, health, findings);
    }

    /** A path inside the repository: relative, no "..", plain characters. */
    static String safePath(String path) {
        String p = path.replace('\\', '/');
        if (p.startsWith("/") || p.startsWith("-") || p.contains("..") || p.length() > 200
                || !p.matches("[A-Za-z0-9._/-]+")) {
            throw new SourceRefused("source.detect.path", path);
        }
        return p.endsWith("/") && p.length() > 1 ? p.substring(0, p.length() - 1) : p;
    }
}

package dev.nonstop.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/**
 * The fixture repositories of the build tests, on one loopback Git server per test JVM, at the port
 * the test profile allows ({@code nonstop.source.test-hosts}).
 */
public final class GitFixtures {

    public static final int PORT = 47231;
    private static GitServer server;

    private GitFixtures() {
    }

    public static synchronized GitServer shared() {
        if (server == null) {
            try {
                server = new GitServer(Files.createTempDirectory("git-fixtures"), PORT);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.create("acme", "docker-app", Map.of("Dockerfile", "FROM nginx:1.27\nEXPOSE 8080\n",
                    "index.html", "<h1>hello</h1>"), List.of("develop"), List.of("v1.0"));
            server.create("acme", "node-app", Map.of("package.json", "{\"scripts\":{\"start\":\"node server.js\"}}",
                    "server.js", "require('http').createServer().listen(3000)"), List.of(), List.of());
            server.create("acme", "notes", Map.of("README.md", "no code here"), List.of(), List.of());
            server.create("private", "ledger", Map.of("Dockerfile", "FROM scratch\nEXPOSE 9000\n"), List.of(),
                    List.of());
            for (String name : List.of("broken-app", "hungry-app", "locked-app", "slow-app")) {
                server.create("acme", name, Map.of("Dockerfile", "FROM scratch\n"), List.of(), List.of());
            }
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        }
        return server;
    }
}

package dev.nonstop.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Alertmanager (the Debian package {@code prometheus-alertmanager}) on 127.0.0.1 and a free port,
 * sending every alert at once (no grouping wait) to one webhook with a bearer token, resolved ones too.
 * Stopped by its own process handle, never by name. Without the binary the test is skipped, except in CI.
 */
public final class AlertmanagerServer implements AutoCloseable {

    public static final Path BINARY = Path.of(System.getenv().getOrDefault("NONSTOP_ALERTMANAGER",
            "/usr/bin/prometheus-alertmanager"));

    private final Process process;
    private final Path dir;
    private final int port;

    private AlertmanagerServer(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    public static AlertmanagerServer posting(String webhookUrl, String token) {
        if (!Files.isExecutable(BINARY)) {
            String message = "No Alertmanager at " + BINARY + ": install it with 'apt-get install -y "
                    + "--no-install-recommends prometheus-alertmanager'";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(message);
            }
            Assumptions.abort(message);
        }
        try {
            Path dir = Files.createTempDirectory("alertmanager-test");
            Files.writeString(dir.resolve("token"), token);
            Path config = dir.resolve("alertmanager.yml");
            Files.writeString(config, """
                    route:
                      receiver: nonstop
                      group_by: ['...']
                      group_wait: 0s
                      group_interval: 1s
                      repeat_interval: 1h
                    receivers:
                      - name: nonstop
                        webhook_configs:
                          - url: %s
                            send_resolved: true
                            http_config:
                              authorization:
                                type: Bearer
                                credentials_file: %s
                    """.formatted(webhookUrl, dir.resolve("token")));
            int port = PrometheusServer.freePort();
            Process process = new ProcessBuilder(BINARY.toString(), "--config.file=" + config,
                    "--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                    "--cluster.listen-address=")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
            AlertmanagerServer server = new AlertmanagerServer(process, dir, port);
            PrometheusServer.awaitReady(process, server.url(), server::log, server::close, "Alertmanager");
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** host:port, as Prometheus' alerting configuration names it. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    public String log() {
        try {
            return Files.readString(dir.resolve("alertmanager.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() {
        PrometheusServer.stop(process, dir);
    }
}

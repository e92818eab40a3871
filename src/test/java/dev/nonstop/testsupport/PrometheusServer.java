package dev.nonstop.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Prometheus (the Debian package) on 127.0.0.1 and a free port, with a temporary storage
 * directory, scraping a sandbox through its service-discovery endpoint every second. Stopped by its own
 * process handle, never by name. Without the binary the test is skipped, except in CI where it fails.
 */
public final class PrometheusServer implements AutoCloseable {

    public static final Path BINARY = Path.of(System.getenv().getOrDefault("NONSTOP_PROMETHEUS", "/usr/bin/prometheus"));

    private final Process process;
    private final Path dir;
    private final int port;

    private PrometheusServer(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** Starts Prometheus scraping the sandbox every second, with the configuration the portal writes for it. */
    public static PrometheusServer scraping(dev.nonstop.sandbox.Sandbox sandbox) {
        return scraping(sandbox, null, null);
    }

    /**
     * The same, also evaluating {@code rules} (the text of a rules file) every second and sending what
     * fires to the Alertmanager at {@code alertmanager} (host:port).
     */
    public static PrometheusServer scraping(dev.nonstop.sandbox.Sandbox sandbox, @Nullable String rules,
                                            @Nullable String alertmanager) {
        return scraping(sandbox, rules, alertmanager, Duration.ofSeconds(1));
    }

    /** The same, scraping every {@code interval} (benchmarks: thousands of pods need a real interval). */
    public static PrometheusServer scraping(dev.nonstop.sandbox.Sandbox sandbox, @Nullable String rules,
                                            @Nullable String alertmanager, Duration interval) {
        if (!Files.isExecutable(BINARY)) {
            String message = "No Prometheus at " + BINARY + ": install it with 'apt-get install -y prometheus'";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(message);
            }
            Assumptions.abort(message);
        }
        try {
            Path dir = Files.createTempDirectory("prometheus-test");
            Path tokenFile = dir.resolve("token");
            Files.writeString(tokenFile, sandbox.token());
            Path config = dir.resolve("prometheus.yml");
            String yaml = sandbox.prometheusConfig(tokenFile, interval);
            if (rules != null) {
                Files.writeString(dir.resolve("rules.yml"), rules);
                yaml += "rule_files:\n  - " + dir.resolve("rules.yml") + "\n";
            }
            if (alertmanager != null) {
                yaml += "alerting:\n  alertmanagers:\n    - static_configs:\n        - targets: ['" + alertmanager
                        + "']\n";
            }
            Files.writeString(config, yaml);
            int port = freePort();
            Process process = new ProcessBuilder(BINARY.toString(), "--config.file=" + config,
                    "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
            PrometheusServer server = new PrometheusServer(process, dir, port);
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Waits for /-/ready; a Prometheus that exits (bad flags or config) fails at once with its log. */
    private void awaitReady() {
        awaitReady(process, url(), this::log, this::close, "Prometheus");
    }

    /** Waits for {@code url}/-/ready; a process that exits (bad flags or config) fails at once with its log. */
    static void awaitReady(Process process, String url, java.util.function.Supplier<String> log, Runnable close,
                           String what) {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(what + " exited: " + log.get());
            }
            try {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(url + "/-/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (System.nanoTime() > deadline) {
                close.run();
                throw new IllegalStateException(what + " not ready within a minute: " + log.get());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public String log() {
        try {
            return Files.readString(dir.resolve("prometheus.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() {
        stop(process, dir);
    }

    /** Stops a process by its own handle (never by name) and removes its temporary directory. */
    static void stop(Process process, Path dir) {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}

package dev.nonstop.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * A real Git server on loopback: the system's {@code git http-backend} (smart HTTP) behind a small
 * HTTP server, serving bare repositories under {@code <root>/<owner>/<name>.git}. Repositories under
 * the owner {@code private} need the token {@link #TOKEN} (Basic auth, as GitHub takes tokens); paths
 * registered with {@link #redirect} answer 302 to wherever the test says.
 */
public final class GitServer implements AutoCloseable {

    public static final String TOKEN = "ghp_fixtureToken0123456789";
    private final Path root;
    private final HttpServer server;
    private final Map<String, String> redirects = new ConcurrentHashMap<>();
    private final Map<String, java.time.Duration> delays = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong probeNanos = new java.util.concurrent.atomic.AtomicLong();

    public GitServer(Path root) throws IOException {
        this(root, 0);
    }

    public GitServer(Path root, int port) throws IOException {
        this.root = root;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String hostAndPort() {
        return "127.0.0.1:" + port();
    }

    /** The URL a user would paste for a repository. */
    public String url(String owner, String name) {
        return "http://" + hostAndPort() + "/" + owner + "/" + name;
    }

    /** Requests under {@code /<owner>/<name>} answer 302 to {@code location}. */
    public void redirect(String owner, String name, String location) {
        redirects.put("/" + owner + "/" + name, location);
    }

    /** Requests under {@code /<owner>/<name>} wait this long before any answer (a host that hangs). */
    public void delay(String owner, String name, java.time.Duration delay) {
        delays.put("/" + owner + "/" + name, delay);
    }

    /**
     * Creates a repository from files (path → content; a {@code byte[]} for binary), committed on
     * {@code main}, plus extra branches and tags pointing at that commit. Returns the commit id.
     */
    public String create(String owner, String name, Map<String, Object> files, List<String> branches,
                         List<String> tags) {
        try {
            Path work = Files.createTempDirectory("fixture-" + name);
            git(work, "init", "-q", "-b", "main");
            git(work, "config", "user.email", "fixture@example.test");
            git(work, "config", "user.name", "Fixture");
            for (var file : files.entrySet()) {
                Path target = work.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                if (file.getValue() instanceof byte[] bytes) {
                    Files.write(target, bytes);
                } else {
                    Files.writeString(target, file.getValue().toString());
                }
            }
            String commit = "";
            if (!files.isEmpty()) {
                git(work, "add", "-A");
                git(work, "commit", "-q", "-m", "fixture " + name);
                branches.forEach(b -> git(work, "branch", b));
                tags.forEach(t -> git(work, "tag", "-a", t, "-m", "release " + t));
                commit = git(work, "rev-parse", "HEAD").strip();
            }
            Path bare = root.resolve(owner).resolve(name + ".git");
            Files.createDirectories(bare.getParent());
            git(root, "clone", "-q", "--bare", work.toString(), bare.toString());
            git(bare, "config", "http.receivepack", "false");
            git(bare, "config", "uploadpack.allowReachableSHA1InWant", "true");
            // as GitHub: a client may ask for the commit without its files (partial clone filters)
            git(bare, "config", "uploadpack.allowFilter", "true");
            return commit;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String git(Path dir, String... args) {
        try {
            var command = new java.util.ArrayList<String>();
            command.add("git");
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The total time this server spent answering the portal's ref probes ({@code info/refs} asked with the
     * portal's user agent): a benchmark subtracts it to tell the portal's own share of a build start
     * from the Git host's.
     */
    public long probeNanos() {
        return probeNanos.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        String agent = String.valueOf(exchange.getRequestHeaders().getFirst("User-Agent"));
        try {
            serve(exchange);
        } finally {
            if (exchange.getRequestURI().getRawPath().endsWith("/info/refs") && agent.contains("nonstop")) {
                probeNanos.addAndGet(System.nanoTime() - started);
            }
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            for (var delay : delays.entrySet()) {
                if (path.startsWith(delay.getKey())) {
                    try {
                        Thread.sleep(delay.getValue().toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
            for (var redirect : redirects.entrySet()) {
                if (path.startsWith(redirect.getKey())) {
                    exchange.getResponseHeaders().add("Location", redirect.getValue());
                    exchange.sendResponseHeaders(302, -1);
                    return;
                }
            }
            if (path.startsWith("/private/") && !authorised(exchange)) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"fixture\"");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            cgi(exchange, path);
        }
    }

    private static boolean authorised(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.startsWith("Basic ")) {
            return false;
        }
        String decoded = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
        return decoded.endsWith(":" + TOKEN);
    }

    /** Runs {@code git http-backend} as CGI for one request. */
    private void cgi(HttpExchange exchange, String path) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("git", "http-backend");
        Map<String, String> env = builder.environment();
        env.put("GIT_PROJECT_ROOT", root.toString());
        env.put("GIT_HTTP_EXPORT_ALL", "1");
        env.put("PATH_INFO", path);
        env.put("QUERY_STRING", exchange.getRequestURI().getRawQuery() == null ? ""
                : exchange.getRequestURI().getRawQuery());
        env.put("REQUEST_METHOD", exchange.getRequestMethod());
        env.put("REMOTE_ADDR", "127.0.0.1");
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        env.put("CONTENT_TYPE", type == null ? "" : type);
        String protocol = exchange.getRequestHeaders().getFirst("Git-Protocol");
        if (protocol != null) {
            env.put("GIT_PROTOCOL", protocol);
        }
        byte[] body = readBody(exchange);
        env.put("CONTENT_LENGTH", String.valueOf(body.length));
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(body);
        }
        byte[] output = process.getInputStream().readAllBytes();
        int split = indexOf(output, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        int gap = 4;
        if (split < 0) {
            split = indexOf(output, "\n\n".getBytes(StandardCharsets.US_ASCII));
            gap = 2;
        }
        String headers = new String(output, 0, Math.max(0, split), StandardCharsets.UTF_8);
        int status = 200;
        for (String line : headers.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (name.equalsIgnoreCase("Status")) {
                status = Integer.parseInt(value.split(" ")[0]);
            } else {
                exchange.getResponseHeaders().add(name, value);
            }
        }
        int length = split < 0 ? 0 : output.length - split - gap;
        exchange.sendResponseHeaders(status, length == 0 ? -1 : length);
        if (length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(output, split + gap, length);
            }
        }
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            InputStream source = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                    ? new java.util.zip.GZIPInputStream(in) : in;
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            source.transferTo(buffer);
            return buffer.toByteArray();
        }
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

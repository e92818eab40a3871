package dev.nonstop.sandbox.internal.api;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.time.Clock;
import java.util.HashMap;

/**
 * The sandbox's Kubernetes API: plain HTTP on a loopback port, reached by fabric8 clients (and kubectl)
 * like any cluster.
 */
public final class SandboxApiServer implements AutoCloseable {

    /** The mock web server logs every request at INFO through java.util.logging: far too much for a cluster. */
    private static final java.util.logging.Logger REQUEST_LOG =
            java.util.logging.Logger.getLogger("io.fabric8.mockwebserver.MockWebServer");

    static {
        REQUEST_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private final KubernetesMockServer server;
    private final SandboxDispatcher dispatcher;
    private final BearerToken token;

    private SandboxApiServer(KubernetesMockServer server, SandboxDispatcher dispatcher, BearerToken token) {
        this.server = server;
        this.dispatcher = dispatcher;
        this.token = token;
    }

    /** Starts on the given loopback port (0 picks a free one). */
    public static SandboxApiServer start(Clock clock, int port) {
        BearerToken token = BearerToken.random();
        SandboxDispatcher dispatcher = new SandboxDispatcher(clock, token);
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                dispatcher, false);
        server.init(InetAddress.getLoopbackAddress(), port);
        return new SandboxApiServer(server, dispatcher, token);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    public int port() {
        return server.getPort();
    }

    public SandboxDispatcher dispatcher() {
        return dispatcher;
    }

    /** The bearer token every request must carry (it goes into the kubeconfig, nowhere else). */
    public String token() {
        return token.value();
    }

    /** Client configuration for this API: its token, no kubeconfig, no default namespace. */
    public Config config() {
        // fabric8 allows 5 requests per host at once by default; controllers and informers need more.
        return new ConfigBuilder(Config.empty()).withMasterUrl(url()).withOauthToken(token.value())
                .withRequestTimeout(30_000)
                .withConnectionTimeout(5_000).withMaxConcurrentRequests(256).withMaxConcurrentRequestsPerHost(128)
                .build();
    }

    public KubernetesClient newClient() {
        return new KubernetesClientBuilder().withConfig(config()).build();
    }

    @Override
    public void close() {
        try {
            server.destroy();
        } catch (IllegalStateException stillOpen) {
            // Vert.x reports open watch connections while shutting down; the port is released regardless.
            org.slf4j.LoggerFactory.getLogger(SandboxApiServer.class).debug("sandbox API closed: {}",
                    stillOpen.getMessage());
        }
    }
}

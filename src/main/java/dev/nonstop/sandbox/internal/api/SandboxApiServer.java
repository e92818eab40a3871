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
 * The sandbox's Kubernetes API on two loopback ports with one store: plain HTTP on a free port for the
 * portal's own clients, and HTTPS (a self-signed certificate made at start) on the configured port for
 * kubectl and other tools, because client-go never sends a bearer token over plain HTTP
 * (kubernetes/kubectl#744). Both ask for the same token.
 */
public final class SandboxApiServer implements AutoCloseable {

    /** The mock web server logs every request at INFO through java.util.logging: far too much for a cluster. */
    private static final java.util.logging.Logger REQUEST_LOG =
            java.util.logging.Logger.getLogger("io.fabric8.mockwebserver.MockWebServer");

    static {
        REQUEST_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private final KubernetesMockServer server;
    private final KubernetesMockServer tls;
    private final SandboxDispatcher dispatcher;
    private final BearerToken token;

    private SandboxApiServer(KubernetesMockServer server, KubernetesMockServer tls, SandboxDispatcher dispatcher,
                             BearerToken token) {
        this.server = server;
        this.tls = tls;
        this.dispatcher = dispatcher;
        this.token = token;
    }

    /** Starts HTTP on a free loopback port and HTTPS on the given one (0 picks a free one). */
    public static SandboxApiServer start(Clock clock, int tlsPort) {
        BearerToken token = BearerToken.random();
        SandboxDispatcher dispatcher = new SandboxDispatcher(clock, token);
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                dispatcher, false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        KubernetesMockServer tls = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                dispatcher, true);
        try {
            tls.init(InetAddress.getLoopbackAddress(), tlsPort);
        } catch (RuntimeException portTaken) {
            server.destroy();
            throw portTaken;
        }
        return new SandboxApiServer(server, tls, dispatcher, token);
    }

    /** The portal's own address of the API (plain HTTP, loopback only). */
    public String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    /** The address for kubectl and other tools (HTTPS, self-signed). */
    public String tlsUrl() {
        return "https://127.0.0.1:" + tls.getPort();
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
        for (KubernetesMockServer s : new KubernetesMockServer[] {tls, server}) {
            try {
                s.destroy();
            } catch (IllegalStateException stillOpen) {
                // Vert.x reports open watch connections while shutting down; the port is released regardless.
                org.slf4j.LoggerFactory.getLogger(SandboxApiServer.class).debug("sandbox API closed: {}",
                        stillOpen.getMessage());
            }
        }
    }
}

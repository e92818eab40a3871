package dev.nonstop.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Proxy;
import java.net.URL;
import java.time.Duration;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.transport.TransportHttp;
import org.eclipse.jgit.transport.http.HttpConnection;
import org.eclipse.jgit.transport.http.HttpConnectionFactory;
import org.eclipse.jgit.transport.http.apache.HttpClientConnection;

/**
 * The HTTP connections of one Git operation: an Apache HttpClient whose names resolve through a
 * {@link PinnedResolver}, used for the portal's own probe and, through JGit's transport hook, for
 * JGit's ls-remote and fetch. No proxy from the environment, no redirects followed by the client
 * (each hop is checked by the policy first), bounded connect and read times. Close it after the operation.
 */
public final class GitConnections implements AutoCloseable {

    private final CloseableHttpClient client;
    private final PinnedResolver resolver;

    public GitConnections(PinnedResolver resolver, Duration timeout) {
        this.resolver = resolver;
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        this.client = HttpClients.custom()
                .setDnsResolver(resolver)
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .setMaxConnPerRoute(4)
                .setMaxConnTotal(8)
                .setDefaultRequestConfig(RequestConfig.custom().setConnectTimeout(millis).setSocketTimeout(millis)
                        .setConnectionRequestTimeout(millis).setRedirectsEnabled(false).build())
                .build();
    }

    public CloseableHttpClient client() {
        return client;
    }

    public PinnedResolver resolver() {
        return resolver;
    }

    /** Makes a JGit command use these connections instead of its own. */
    public TransportConfigCallback forJGit() {
        HttpConnectionFactory factory = new HttpConnectionFactory() {
            @Override
            public HttpConnection create(URL url) throws IOException {
                return new HttpClientConnection(url.toString(), Proxy.NO_PROXY, client);
            }

            @Override
            public HttpConnection create(URL url, Proxy proxy) throws IOException {
                return new HttpClientConnection(url.toString(), Proxy.NO_PROXY, client);
            }
        };
        return transport -> {
            if (transport instanceof TransportHttp http) {
                http.setHttpConnectionFactory(factory);
            } else {
                throw new IllegalStateException("only HTTP(S) Git transports are used: " + transport);
            }
        };
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

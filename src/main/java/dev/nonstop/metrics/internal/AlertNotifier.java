package dev.nonstop.metrics.internal;

import dev.nonstop.metrics.Alert;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.util.EntityUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts a tenant's alerts, as they open and resolve, to its Slack-compatible incoming webhook
 * ({@code {"text": "…"}}, which Slack, Mattermost, Rocket.Chat and Google Chat accept), in the language
 * of whoever set the webhook. Off the caller's thread, a few at a time (the rest are dropped and logged,
 * never queued without bound); every delivery checks the address again and pins it; no redirect is
 * followed; the address, a credential, never reaches the log. Muted apps are not posted.
 */
public class AlertNotifier implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(AlertNotifier.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AlertHooks hooks;
    private final AlertMutes mutes;
    private final HookAddress address;
    private final Duration timeout;
    private final Clock clock;
    private final ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(500), r -> {
                Thread thread = new Thread(r, "alert-hooks");
                thread.setDaemon(true);
                return thread;
            }, (r, p) -> log.warn("alert webhook queue full: a notification was dropped"));

    AlertNotifier(AlertHooks hooks, AlertMutes mutes, HookAddress address, Duration timeout, Clock clock) {
        this.hooks = hooks;
        this.mutes = mutes;
        this.address = address;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** An alert opened or resolved: posted later, if the tenant has a webhook and the app is not muted. */
    void changed(long tenantId, Alert alert) {
        pool.execute(() -> {
            try {
                if (alert.app() != null && mutes.until(tenantId, alert.app(), clock.instant()).isPresent()) {
                    return;
                }
                hooks.target(tenantId).ifPresent(target -> {
                    String text = text(new AlertTexts(target.locale()), alert);
                    hooks.delivered(tenantId, clock.instant(), post(target.uri(), text).orElse(null));
                });
            } catch (RuntimeException e) {
                log.warn("alert webhook of tenant {} not posted: {}", tenantId, e.getClass().getSimpleName());
            }
        });
    }

    /** Posts a test message now; the error in words ("HTTP 404", "unreachable"), or empty when it arrived. */
    public Optional<String> test(long tenantId) {
        var target = hooks.target(tenantId).orElseThrow();
        Optional<String> error = post(target.uri(), new AlertTexts(target.locale()).of("alert.hook.test-message"));
        hooks.delivered(tenantId, clock.instant(), error.orElse(null));
        return error;
    }

    static String text(AlertTexts texts, Alert alert) {
        String what = texts.of(alert.text());
        String app = alert.app() == null ? texts.of("alert.hook.tenant-wide") : alert.app();
        return alert.firing() ? texts.of("alert.hook.opened", app, what, texts.of("alert.severity." + alert.severity()))
                : texts.of("alert.hook.resolved", app, what);
    }

    private Optional<String> post(URI uri, String text) {
        int millis = (int) timeout.toMillis();
        try (CloseableHttpClient client = HttpClients.custom().setDnsResolver(address.pinned())
                .disableRedirectHandling().disableCookieManagement()
                .setDefaultRequestConfig(RequestConfig.custom().setConnectTimeout(millis).setSocketTimeout(millis)
                        .setConnectionRequestTimeout(millis).setRedirectsEnabled(false).build())
                .build()) {
            // checked again now: the address may have changed since it was entered
            address.accept(uri.toString());
            HttpPost post = new HttpPost(uri);
            post.setEntity(new StringEntity(JSON.writeValueAsString(Map.of("text", text)),
                    ContentType.APPLICATION_JSON.withCharset(StandardCharsets.UTF_8)));
            try (CloseableHttpResponse response = client.execute(post)) {
                int status = response.getStatusLine().getStatusCode();
                EntityUtils.consumeQuietly(response.getEntity());
                return status >= 200 && status < 300 ? Optional.empty() : Optional.of("HTTP " + status);
            }
        } catch (dev.nonstop.common.UserError refused) {
            return Optional.of("refused: " + refused.key());
        } catch (IOException e) {
            return Optional.of(e.getMessage() != null && e.getMessage().startsWith("refused:") ? e.getMessage()
                    : e instanceof java.net.SocketTimeoutException ? "timed out" : "unreachable");
        }
    }

    @Override
    public void destroy() {
        pool.shutdownNow();
    }
}

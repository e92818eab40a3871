package dev.nonstop.build;

import dev.nonstop.audit.AuditLog;
import dev.nonstop.build.internal.BuildSourceEntity;
import dev.nonstop.build.internal.BuildSourceRepository;
import dev.nonstop.build.internal.WebhookDeliveryEntity;
import dev.nonstop.build.internal.WebhookDeliveryRepository;
import dev.nonstop.common.UserError;
import dev.nonstop.build.internal.WebhookKeys;
import dev.nonstop.ratelimit.Limit;
import dev.nonstop.ratelimit.LocalRateLimiter;
import dev.nonstop.ratelimit.RateLimiter;
import dev.nonstop.security.Secrets;
import dev.nonstop.tenant.TenantDirectory;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import dev.nonstop.source.CommitNote;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * GitHub push webhooks, {@code POST /api/hooks/github/{key}}, the key a random one per app. The caller
 * is proven by the signature, not a session: {@code X-Hub-Signature-256} must be the HMAC-SHA256 of
 * the raw body under the app's secret (compared in constant time), checked before anything else.
 * Verified deliveries are rate limited per app (in the database); failed signatures per sender
 * address (in memory, writing nothing). A delivery seen before is ignored, as are pushes to other
 * branches; a push to the tracked branch starts a build in the background, so GitHub gets its answer
 * at once.
 */
@Service
public class WebhookService {

    /** What GitHub gets back: an HTTP status and a short plain message. */
    public record Outcome(int status, String message) {
    }

    public static final int MAX_BODY = 1024 * 1024;
    static final Limit PER_APP = new Limit("webhook-per-app", 30, Duration.ofMinutes(1));
    /** Deliveries whose signature fails, per sender address (in this replica's memory). */
    static final Limit FAILED_PER_ADDRESS = new Limit("webhook-failed-per-address", 20, Duration.ofMinutes(1));
    private static final Logger log = LoggerFactory.getLogger(WebhookService.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final BuildSourceRepository sources;
    private final WebhookDeliveryRepository deliveries;
    private final Secrets secrets;
    private final RateLimiter limiter;
    private final LocalRateLimiter localLimiter;
    private final BuildService builds;
    private final TenantDirectory directory;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ExecutorService background = Executors.newFixedThreadPool(2, r -> {
        Thread thread = new Thread(r, "webhook-builds");
        thread.setDaemon(true);
        return thread;
    });

    WebhookService(BuildSourceRepository sources, WebhookDeliveryRepository deliveries, Secrets secrets,
                   RateLimiter limiter, LocalRateLimiter localLimiter, BuildService builds, TenantDirectory directory, AuditLog audit,
                   TransactionTemplate tx, Clock clock) {
        this.sources = sources;
        this.deliveries = deliveries;
        this.secrets = secrets;
        this.limiter = limiter;
        this.localLimiter = localLimiter;
        this.builds = builds;
        this.directory = directory;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * One delivery to {@code /api/hooks/github/{key}} from {@code clientAddress}. Nothing is written and
     * no shared budget is spent until the signature holds: a forged or unknown delivery only counts
     * against its sender's address (in memory), so nobody can use up an app's deliveries but GitHub.
     */
    public Outcome receive(String key, String clientAddress, @Nullable String event, @Nullable String delivery,
                           @Nullable String signature, byte[] body) {
        var refused = localLimiter.blockedUntil(FAILED_PER_ADDRESS, clientAddress);
        if (refused.isPresent()) {
            return new Outcome(429, "too many deliveries with a wrong signature from " + clientAddress
                    + "; next at " + refused.get());
        }
        BuildSourceEntity source = WebhookKeys.wellFormed(key) ? sources.findByWebhookKey(key).orElse(null) : null;
        String sealed = source == null ? null : source.webhookSecret();
        if (source == null || sealed == null || !signatureMatches(secrets.open(sealed), signature, body)) {
            // the same answer for an unknown address and a bad signature: nothing to learn by probing
            localLimiter.consumeAlways(FAILED_PER_ADDRESS, clientAddress);
            return new Outcome(401, "signature missing or wrong");
        }
        long appId = source.id();
        var blocked = limiter.tryConsume(PER_APP, "app-" + appId);
        if (blocked.isPresent()) {
            return new Outcome(429, "too many deliveries for this app; next at " + blocked.get());
        }
        if ("ping".equals(event)) {
            return new Outcome(200, "pong");
        }
        if (!"push".equals(event)) {
            return new Outcome(202, "ignored: event " + event);
        }
        if (delivery == null || delivery.isBlank() || delivery.length() > 100) {
            return new Outcome(400, "X-GitHub-Delivery missing");
        }
        JsonNode push;
        try {
            push = JSON.readTree(body);
        } catch (RuntimeException e) {
            return new Outcome(400, "body is not JSON");
        }
        BuildSource app = source.toRecord();
        String ref = push.path("ref").asString("");
        String after = push.path("after").asString("");
        boolean deleted = push.path("deleted").asBoolean(false);
        String tracked = app.trackedRef() != null ? app.trackedRef()
                : push.path("repository").path("default_branch").asString("main");
        if (!ref.equals("refs/heads/" + tracked) || deleted || !after.matches("[0-9a-f]{40}")) {
            return new Outcome(202, "ignored: not a push to " + tracked);
        }
        try {
            tx.executeWithoutResult(status -> deliveries.saveAndFlush(new WebhookDeliveryEntity(delivery, appId,
                    clock.instant())));
        } catch (DataIntegrityViolationException seen) {
            return new Outcome(200, "duplicate delivery " + delivery + ": ignored");
        }
        String pusher = push.path("pusher").path("name").asString("github");
        JsonNode head = push.path("head_commit");
        CommitNote note = after.equals(head.path("id").asString("")) && head.path("message").isString()
                ? new CommitNote(head.path("message").asString().lines().findFirst().orElse(""),
                        head.path("author").path("name").asString(pusher))
                : null;
        background.submit(() -> build(app, pusher, after, note, delivery));
        return new Outcome(202, "build of " + after.substring(0, 7) + " queued");
    }

    private void build(BuildSource app, String pusher, String commit, @Nullable CommitNote note, String delivery) {
        try {
            Build build = builds.launch(app, "GitHub push by " + pusher, Build.Trigger.WEBHOOK, commit, note, false);
            log.info("Webhook delivery {} started build {} of {}", delivery, build.id(), app.name());
        } catch (UserError refused) {
            String slug = directory.info(app.tenantId()).slug().value();
            tx.executeWithoutResult(status -> audit.recordAs("github", slug, "build.webhook.refused",
                    "push " + commit + " to " + app.name() + " not built: " + refused.key() + " "
                            + java.util.List.of(refused.args())));
        } catch (RuntimeException e) {
            log.warn("Webhook delivery {} for {} failed: {}", delivery, app.name(), e.toString());
        }
    }

    /** HMAC-SHA256 of the raw body, hex, prefixed "sha256=", compared in constant time. */
    static boolean signatureMatches(String secret, @Nullable String header, byte[] body) {
        if (header == null || !header.startsWith("sha256=")) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = mac.doFinal(body);
            byte[] given;
            try {
                given = HexFormat.of().parseHex(header.substring(7));
            } catch (IllegalArgumentException notHex) {
                return false;
            }
            return MessageDigest.isEqual(expected, given);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    public static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}

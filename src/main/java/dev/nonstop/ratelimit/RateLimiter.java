package dev.nonstop.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.mysql.Bucket4jMySQL;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.stereotype.Service;

/**
 * Token buckets shared through the database (bucket4j's MySQL proxy manager: one row per bucket,
 * updated under SELECT ... FOR UPDATE). Keys are hashed to the table's BIGINT id.
 */
@Service
public class RateLimiter {

    private final ProxyManager<Long> buckets;
    private final Clock clock;

    RateLimiter(DataSource dataSource, Clock clock) {
        this.buckets = Bucket4jMySQL.selectForUpdateBasedBuilder(dataSource).build();
        this.clock = clock;
    }

    /** Takes one token; when none is left, says when the next one is due. */
    public Optional<Instant> tryConsume(Limit limit, String subject) {
        ConsumptionProbe probe = bucket(limit, subject).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(retryAt(probe.getNanosToWaitForRefill()));
    }

    /** Takes nothing: says when a token will be available if none is now. */
    public Optional<Instant> blockedUntil(Limit limit, String subject) {
        EstimationProbe probe = bucket(limit, subject).estimateAbilityToConsume(1);
        return probe.canBeConsumed() ? Optional.empty() : Optional.of(retryAt(probe.getNanosToWaitForRefill()));
    }

    /** Takes one token even when the bucket is empty (a failure that already happened must count). */
    public void consumeAlways(Limit limit, String subject) {
        bucket(limit, subject).consumeIgnoringRateLimits(1);
    }

    /** Refills a subject's bucket, e.g. after a successful login. */
    public void reset(Limit limit, String subject) {
        buckets.removeProxy(key(limit, subject));
    }

    private BucketProxy bucket(Limit limit, String subject) {
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(limit.capacity())
                        .refillGreedy(limit.capacity(), limit.period()).build())
                .build();
        return buckets.builder().build(key(limit, subject), () -> configuration);
    }

    private Instant retryAt(long nanos) {
        // Round up to the next whole second: "try again at 10:15:03" must not be a moment too early.
        long seconds = Duration.ofNanos(nanos).toSeconds() + 1;
        return clock.instant().plusSeconds(seconds).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    static long key(Limit limit, String subject) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((limit.name() + "\u0000" + subject).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.nonstop.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Token buckets in this replica's memory, for refusing floods from callers nobody has verified yet
 * (forged webhook signatures) without writing a byte to the database for them. Each replica counts
 * on its own, so N replicas allow N times the rate; the least recently seen subjects are forgotten
 * beyond {@value #MAX_SUBJECTS}. Verified work is limited by {@link RateLimiter}, shared by all replicas.
 */
@Service
public class LocalRateLimiter {

    static final int MAX_SUBJECTS = 10_000;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > MAX_SUBJECTS;
        }
    };

    LocalRateLimiter(Clock clock) {
        this.clock = clock;
    }

    /** Says when the next attempt is allowed, if none is now (takes nothing). */
    public Optional<Instant> blockedUntil(Limit limit, String subject) {
        EstimationProbe probe = bucket(limit, subject).estimateAbilityToConsume(1);
        return probe.canBeConsumed() ? Optional.empty()
                : Optional.of(clock.instant().plusNanos(probe.getNanosToWaitForRefill()).plusSeconds(1)
                        .truncatedTo(ChronoUnit.SECONDS));
    }

    /** Counts one more failure, even past the limit. */
    public void consumeAlways(Limit limit, String subject) {
        bucket(limit, subject).consumeIgnoringRateLimits(1);
    }

    private Bucket bucket(Limit limit, String subject) {
        synchronized (buckets) {
            return buckets.computeIfAbsent(limit.name() + "\u0000" + subject, k -> Bucket.builder()
                    .addLimit(Bandwidth.builder().capacity(limit.capacity())
                            .refillGreedy(limit.capacity(), limit.period()).build())
                    .build());
        }
    }

    /** How many subjects are tracked now (tests, and a bound that must hold under a flood). */
    public int tracked() {
        synchronized (buckets) {
            return buckets.size();
        }
    }
}

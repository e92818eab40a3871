package dev.nonstop.security;

import dev.nonstop.ratelimit.Limit;
import dev.nonstop.ratelimit.RateLimiter;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How many companies may be created (or asked for) through the sign-up form: per client address and
 * overall, per hour, in the database so every portal replica counts the same. Only sign-ups that went
 * through count, so a typo costs nothing; the limits are {@code nonstop.signup.per-address} and
 * {@code nonstop.signup.per-hour}.
 */
@Component
public class SignUpThrottle {

    private final RateLimiter limiter;
    private final Limit perAddress;
    private final Limit overall;

    @Autowired
    SignUpThrottle(RateLimiter limiter, @Value("${nonstop.signup.per-address:3}") int perAddress,
                   @Value("${nonstop.signup.per-hour:30}") int perHour) {
        this(limiter, perAddress, perHour, "signup");
    }

    /** With its own bucket names, so a test's limits never share buckets with the portal's. */
    public SignUpThrottle(RateLimiter limiter, int perAddress, int perHour, String scope) {
        this.limiter = limiter;
        this.perAddress = new Limit(scope + ":address:" + perAddress, perAddress, Duration.ofHours(1));
        this.overall = new Limit(scope + ":all:" + perHour, perHour, Duration.ofHours(1));
    }

    /** When the next sign-up from this address is allowed, if it is not now (takes nothing). */
    public Optional<Instant> blockedUntil(String address) {
        Optional<Instant> byAddress = limiter.blockedUntil(perAddress, address);
        Optional<Instant> all = limiter.blockedUntil(overall, "all");
        if (byAddress.isPresent() && all.isPresent()) {
            return Optional.of(byAddress.get().isAfter(all.get()) ? byAddress.get() : all.get());
        }
        return byAddress.or(() -> all);
    }

    /** Counts a sign-up that went through. */
    public void counted(String address) {
        limiter.consumeAlways(perAddress, address);
        limiter.consumeAlways(overall, "all");
    }
}

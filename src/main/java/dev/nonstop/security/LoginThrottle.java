package dev.nonstop.security;

import dev.nonstop.ratelimit.Limit;
import dev.nonstop.ratelimit.RateLimiter;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Brute-force throttling of logins, kept in the database through {@link RateLimiter} so that every
 * portal replica counts the same failures.
 * <ul>
 * <li>per account <em>and</em> client address: 5 failures, then one more try a minute;</li>
 * <li>per client address, any account: 30 failures, then one more try every 30 seconds.</li>
 * </ul>
 * Only failures count, a success refills the account-and-address bucket, and buckets refill with
 * time. Because the account bucket is keyed by address too, an attacker who hammers a victim's
 * account from elsewhere never locks the victim out (see docs/decisions/0002-login-throttling.md).
 */
@Component
public class LoginThrottle {

    static final Limit PER_ACCOUNT_AND_ADDRESS = new Limit("login:account+address", 5, Duration.ofMinutes(5));
    static final Limit PER_ADDRESS = new Limit("login:address", 30, Duration.ofMinutes(15));

    private final RateLimiter limiter;

    LoginThrottle(RateLimiter limiter) {
        this.limiter = limiter;
    }

    /** When the next attempt is allowed, if this one is not. */
    public Optional<Instant> blockedUntil(String email, String address) {
        Optional<Instant> byAddress = limiter.blockedUntil(PER_ADDRESS, address);
        Optional<Instant> byAccount = limiter.blockedUntil(PER_ACCOUNT_AND_ADDRESS, accountKey(email, address));
        return byAddress.isPresent() && byAccount.isPresent()
                ? Optional.of(byAddress.get().isAfter(byAccount.get()) ? byAddress.get() : byAccount.get())
                : byAddress.or(() -> byAccount);
    }

    public void failed(String email, String address) {
        limiter.consumeAlways(PER_ACCOUNT_AND_ADDRESS, accountKey(email, address));
        limiter.consumeAlways(PER_ADDRESS, address);
    }

    public void succeeded(String email, String address) {
        limiter.reset(PER_ACCOUNT_AND_ADDRESS, accountKey(email, address));
    }

    private static String accountKey(String email, String address) {
        return email.strip().toLowerCase(Locale.ROOT) + "|" + address;
    }
}

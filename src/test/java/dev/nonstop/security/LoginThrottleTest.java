package dev.nonstop.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nonstop.testsupport.IntegrationTest;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class LoginThrottleTest {

    @Autowired LoginThrottle throttle;

    @Test
    void five_failures_pause_that_account_at_that_address_for_about_a_minute() {
        String email = UUID.randomUUID() + "@example.com";
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.blockedUntil(email, "192.0.2.1")).isEmpty();
            throttle.failed(email, "192.0.2.1");
        }
        assertThat(throttle.blockedUntil(email, "192.0.2.1")).hasValueSatisfying(until ->
                assertThat(until).isBetween(Instant.now().plusSeconds(30), Instant.now().plusSeconds(62)));
        assertThat(throttle.blockedUntil(email, "192.0.2.2")).isEmpty();
    }

    @Test
    void a_success_clears_the_accounts_failures() {
        String email = UUID.randomUUID() + "@example.com";
        for (int i = 0; i < 4; i++) {
            throttle.failed(email, "192.0.2.3");
        }
        throttle.succeeded(email, "192.0.2.3");
        for (int i = 0; i < 4; i++) {
            throttle.failed(email, "192.0.2.3");
        }
        assertThat(throttle.blockedUntil(email, "192.0.2.3")).isEmpty();
    }

    @Test
    void one_address_guessing_many_accounts_is_paused_too() {
        String address = "192.0.2." + (10 + (int) (Math.random() * 200));
        for (int i = 0; i < 30; i++) {
            throttle.failed(UUID.randomUUID() + "@example.com", address);
        }
        assertThat(throttle.blockedUntil(UUID.randomUUID() + "@example.com", address)).isPresent();
    }
}

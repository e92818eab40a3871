package dev.nonstop.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nonstop.testsupport.Fixtures;
import dev.nonstop.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class AdminBootstrapTest {

    @Autowired AdminBootstrap bootstrap;
    @Autowired UserAccountRepository users;
    @Autowired Fixtures fixtures;

    private void start(String email, String password) {
        bootstrap.ensureAdmin(email, password);
    }

    @Test
    void the_configured_admin_is_created_at_start_and_can_sign_in_as_admin() {
        start("first-admin@example.net", "admin passphrase from the environment");
        UserAccountEntity admin = users.findByEmail("first-admin@example.net").orElseThrow();
        assertThat(admin.platformAdmin()).isTrue();
        start("first-admin@example.net", "admin passphrase from the environment");
        assertThat(users.findAll()).filteredOn(u -> u.email().equals("first-admin@example.net")).hasSize(1);
        start("second-admin@example.net", "another admin passphrase");
        assertThat(users.findByEmail("second-admin@example.net").orElseThrow().platformAdmin()).isTrue();
    }

    @Test
    void an_existing_account_named_as_admin_is_promoted() {
        String existing = fixtures.newTenant().email().value();
        start(existing, "");
        assertThat(users.findByEmail(existing).orElseThrow().platformAdmin()).isTrue();
    }

    @Test
    void a_weak_admin_password_stops_the_start_with_the_reason() {
        assertThatThrownBy(() -> start("weak-admin@example.net", "password1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("weak-admin@example.net").hasMessageContaining("error.password.common");
        assertThat(users.existsByEmail("weak-admin@example.net")).isFalse();
    }

    @Test
    void without_configuration_no_admin_is_made() {
        long before = users.count();
        start("", "");
        assertThat(users.count()).isEqualTo(before);
    }
}

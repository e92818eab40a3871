package dev.nonstop.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nonstop.security.SignUpResult;
import dev.nonstop.testsupport.Fixtures;
import dev.nonstop.testsupport.IntegrationTest;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authorization.AuthorizationDeniedException;

@IntegrationTest
class AuditLogTest {

    @Autowired AuditLog audit;
    @Autowired Fixtures fixtures;

    @AfterEach
    void signOut() {
        fixtures.signOut();
    }

    @Test
    void admins_filter_the_trail_by_tenant_action_and_time() {
        SignUpResult tenant = fixtures.newTenant();
        fixtures.signInAs(Fixtures.ADMIN);
        var bySlug = audit.search(new AuditFilter(null, tenant.slug().value(), null, null, null));
        assertThat(bySlug).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("tenant.signed-up");
            assertThat(e.actor()).isEqualTo(tenant.email().value());
        });
        assertThat(audit.search(new AuditFilter(null, tenant.slug().value(), "tier", null, null))).isEmpty();
        assertThat(audit.search(new AuditFilter(null, tenant.slug().value(), null, Instant.now().plusSeconds(60),
                null))).isEmpty();
    }

    @Test
    void only_admins_read_the_trail() {
        fixtures.signInAs(Fixtures.OWNER);
        assertThatThrownBy(() -> audit.search(AuditFilter.none())).isInstanceOf(AuthorizationDeniedException.class);
    }
}

package dev.nonstop.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nonstop.common.AccessDenied;
import dev.nonstop.common.UserError;
import dev.nonstop.security.AccountService;
import dev.nonstop.security.Role;
import dev.nonstop.security.SignUpResult;
import dev.nonstop.testsupport.Fixtures;
import dev.nonstop.testsupport.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class InvitationServiceTest {

    @Autowired InvitationService invitations;
    @Autowired AccountService accounts;
    @Autowired Fixtures fixtures;

    @AfterEach
    void signOut() {
        fixtures.signOut();
    }

    private static String keyOf(Throwable e) {
        return ((UserError) e).key();
    }

    @Test
    void an_invited_person_joins_the_owners_tenant_as_member_once() {
        SignUpResult owner = fixtures.newTenant();
        fixtures.signInAs(owner.email().value());
        Invitation invitation = invitations.invite("Newcomer@Example.com");
        assertThat(invitation.path()).startsWith("invite/");
        fixtures.signOut();

        PendingInvitation pending = invitations.pending(invitation.token());
        assertThat(pending.email().value()).isEqualTo("newcomer@example.com");
        invitations.accept(invitation.token(), "새 구성원", "a long enough passphrase");

        fixtures.signInAs(owner.email().value());
        assertThat(accounts.members(owner.tenantId())).extracting(m -> m.email().value(), m -> m.role())
                .contains(org.assertj.core.groups.Tuple.tuple("newcomer@example.com", Role.MEMBER));
        fixtures.signOut();
        assertThatThrownBy(() -> invitations.accept(invitation.token(), "Again", "a long enough passphrase"))
                .extracting(InvitationServiceTest::keyOf).isEqualTo("invitation.expired");
    }

    @Test
    void forged_or_oversized_tokens_are_refused() {
        assertThatThrownBy(() -> invitations.pending("not-a-real-token"))
                .extracting(InvitationServiceTest::keyOf).isEqualTo("invitation.invalid");
        assertThatThrownBy(() -> invitations.pending("x".repeat(5000)))
                .extracting(InvitationServiceTest::keyOf).isEqualTo("invitation.invalid");
    }

    @Test
    void an_invitation_only_ever_opens_the_inviting_tenant() {
        SignUpResult a = fixtures.newTenant();
        SignUpResult b = fixtures.newTenant();
        fixtures.signInAs(a.email().value());
        Invitation invitation = invitations.invite("joiner-" + a.tenantId() + "@example.com");
        fixtures.signOut();
        invitations.accept(invitation.token(), "Joiner", "a long enough passphrase");

        fixtures.signInAs(b.email().value());
        assertThat(accounts.members(b.tenantId())).extracting(m -> m.email().value())
                .doesNotContain("joiner-" + a.tenantId() + "@example.com");
        assertThatThrownBy(() -> accounts.members(a.tenantId())).isInstanceOf(AccessDenied.class);
        fixtures.signOut();
        fixtures.signInAs(a.email().value());
        assertThat(accounts.members(a.tenantId())).extracting(m -> m.email().value(), m -> m.role())
                .contains(org.assertj.core.groups.Tuple.tuple("joiner-" + a.tenantId() + "@example.com", Role.MEMBER));
    }

    @Test
    void members_cannot_invite() {
        fixtures.signInAs(Fixtures.MEMBER);
        assertThatThrownBy(() -> invitations.invite("friend@example.com")).isInstanceOf(AccessDenied.class);
    }

    @Test
    void an_existing_account_cannot_be_invited_again() {
        fixtures.signInAs(Fixtures.OWNER);
        assertThatThrownBy(() -> invitations.invite(Fixtures.MEMBER))
                .extracting(InvitationServiceTest::keyOf).isEqualTo("error.email.taken");
    }
}

package dev.nonstop.tenant;

import dev.nonstop.audit.AuditLog;
import dev.nonstop.common.Email;
import dev.nonstop.common.UserError;
import dev.nonstop.security.AccountService;
import dev.nonstop.security.Caller;
import dev.nonstop.security.CurrentUser;
import dev.nonstop.tenant.internal.InvitationEntity;
import dev.nonstop.tenant.internal.InvitationRepository;
import dev.nonstop.tenant.internal.TenantEntity;
import dev.nonstop.tenant.internal.TenantRepository;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Owners invite members by email. There is no mail server: the owner gets a link to pass on. The
 * link holds a random token; the database keeps only its SHA-256, so a database leak opens no doors.
 */
@Service
public class InvitationService {

    static final Duration VALIDITY = Duration.ofDays(7);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final InvitationRepository invitations;
    private final TenantRepository tenants;
    private final AccountService accounts;
    private final Caller caller;
    private final AuditLog audit;
    private final Clock clock;

    InvitationService(InvitationRepository invitations, TenantRepository tenants, AccountService accounts,
                      Caller caller, AuditLog audit, Clock clock) {
        this.invitations = invitations;
        this.tenants = tenants;
        this.accounts = accounts;
        this.caller = caller;
        this.audit = audit;
        this.clock = clock;
    }

    /** Invites someone into the caller's tenant. Owners only. */
    @Transactional
    public Invitation invite(String rawEmail) {
        CurrentUser owner = caller.requireOwner();
        Email email = Email.parse(rawEmail);
        if (accounts.emailTaken(email)) {
            throw new UserError("error.email.taken", email.value());
        }
        TenantEntity tenant = tenants.findById(owner.tenantId()).orElseThrow();
        String token = newToken();
        Instant now = clock.instant();
        invitations.save(new InvitationEntity(tenant.id(), email.value(), hash(token), owner.email().value(), now,
                now.plus(VALIDITY)));
        audit.record(tenant.slug(), "member.invited", owner.email() + " invited " + email);
        return new Invitation(email, token, now.plus(VALIDITY));
    }

    /** What an invitation link leads to, for the page that accepts it. Anyone holding the link may ask. */
    @Transactional(readOnly = true)
    public PendingInvitation pending(String token) {
        InvitationEntity invitation = open(token);
        TenantEntity tenant = tenants.findById(invitation.tenantId()).orElseThrow();
        return new PendingInvitation(tenant.name(), new Email(invitation.email()), invitation.expiresAt());
    }

    /** Creates the invitee's account as a MEMBER of the inviting tenant; the link then stops working. */
    @Transactional
    public void accept(String token, String displayName, String password) {
        InvitationEntity invitation = open(token);
        TenantEntity tenant = tenants.findById(invitation.tenantId()).orElseThrow();
        accounts.joinTenant(tenant.id(), new Email(invitation.email()), displayName, password);
        invitation.accept(clock.instant());
        audit.recordAs(invitation.email(), tenant.slug(), "member.joined", invitation.email() + " joined " + tenant.slug());
    }

    private InvitationEntity open(String token) {
        if (token == null || token.length() > 100) {
            throw new UserError("invitation.invalid");
        }
        InvitationEntity invitation = invitations.findByTokenHash(hash(token))
                .orElseThrow(() -> new UserError("invitation.invalid"));
        if (!invitation.isOpen(clock.instant())) {
            throw new UserError("invitation.expired");
        }
        return invitation;
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

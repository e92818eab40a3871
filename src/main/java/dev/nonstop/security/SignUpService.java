package dev.nonstop.security;

import dev.nonstop.audit.AuditLog;
import dev.nonstop.common.Text;
import dev.nonstop.common.UserError;
import dev.nonstop.security.internal.PlatformSettingEntity;
import dev.nonstop.security.internal.PlatformSettingRepository;
import dev.nonstop.security.internal.SignUpInvitationEntity;
import dev.nonstop.security.internal.SignUpInvitationRepository;
import dev.nonstop.security.internal.SignUpRequestEntity;
import dev.nonstop.security.internal.SignUpRequestRepository;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The sign-up form's way in: the platform's sign-up mode (open, admin approval, invitation only, chosen
 * by a platform admin and audited), throttled per client address and overall. In approval mode
 * nothing of the company exists (no account, tenant or namespace) until an admin approves; in
 * invitation-only mode a one-time link an admin made is needed.
 */
@Service
public class SignUpService {

    static final String MODE = "signup.mode";
    static final Duration INVITATION_VALIDITY = Duration.ofDays(7);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final AccountService accounts;
    private final TenantRegistrar tenants;
    private final SignUpThrottle throttle;
    private final PlatformSettingRepository settings;
    private final SignUpRequestRepository requests;
    private final SignUpInvitationRepository invitations;
    private final Caller caller;
    private final AuditLog audit;
    private final Clock clock;

    SignUpService(AccountService accounts, TenantRegistrar tenants, SignUpThrottle throttle,
                  PlatformSettingRepository settings, SignUpRequestRepository requests,
                  SignUpInvitationRepository invitations, Caller caller, AuditLog audit, Clock clock) {
        this.accounts = accounts;
        this.tenants = tenants;
        this.throttle = throttle;
        this.settings = settings;
        this.requests = requests;
        this.invitations = invitations;
        this.caller = caller;
        this.audit = audit;
        this.clock = clock;
    }

    /** The mode the sign-up page works in (anyone may ask: the page says it). */
    @Transactional(readOnly = true)
    public SignUpMode mode() {
        return settings.findById(MODE).map(s -> SignUpMode.valueOf(s.value())).orElse(SignUpMode.OPEN);
    }

    /** Platform admins only; audited. */
    @Transactional
    public void setMode(SignUpMode mode) {
        CurrentUser admin = caller.requireAdmin();
        SignUpMode before = mode();
        settings.findById(MODE).ifPresentOrElse(s -> s.set(mode.name(), admin.email().value(), clock.instant()),
                () -> settings.save(new PlatformSettingEntity(MODE, mode.name(), admin.email().value(),
                        clock.instant())));
        audit.record(null, "platform.signup-mode", admin.email() + " changed sign-ups from " + before + " to " + mode);
    }

    /**
     * A sign-up from the form, sent from {@code clientAddress}, with the invitation token of the link it
     * came from (if any). Refused with the time of the next allowed one when the address or the
     * platform has used up its sign-ups for the hour.
     */
    @Transactional
    public SignUpOutcome submit(SignUpRequest request, String clientAddress, @Nullable String invitationToken) {
        Optional<Instant> blocked = throttle.blockedUntil(clientAddress);
        if (blocked.isPresent()) {
            throw new UserError("signup.throttled", WHEN.format(blocked.get()));
        }
        SignUpMode mode = mode();
        SignUpOutcome outcome = switch (mode) {
            case OPEN -> new SignUpOutcome(accounts.signUp(request).email(), false);
            case INVITATION -> invited(request, invitationToken);
            case APPROVAL -> ask(request, clientAddress);
        };
        throttle.counted(clientAddress);
        return outcome;
    }

    private SignUpOutcome invited(SignUpRequest request, @Nullable String token) {
        SignUpInvitationEntity invitation = openInvitation(token)
                .orElseThrow(() -> new UserError(token == null || token.isBlank() ? "signup.invitation-only"
                        : "signup.invitation-invalid"));
        SignUpResult result = accounts.signUp(request);
        invitation.use(result.email().value(), clock.instant());
        return new SignUpOutcome(result.email(), false);
    }

    private SignUpOutcome ask(SignUpRequest request, String clientAddress) {
        AccountService.CheckedSignUp checked = accounts.check(request);
        if (requests.existsByEmail(checked.email().value())) {
            throw new UserError("signup.already-asked", checked.email().value());
        }
        if (requests.existsBySlug(checked.slug().value()) || !tenants.isSlugFree(checked.slug())) {
            throw new UserError("error.slug.taken", checked.slug().value());
        }
        try {
            requests.saveAndFlush(new SignUpRequestEntity(checked.email().value(), accounts.hash(request.password()),
                    checked.displayName(), checked.companyName(), checked.slug().value(),
                    cut(clientAddress, 64), clock.instant()));
        } catch (DataIntegrityViolationException raced) {
            throw new UserError("signup.already-asked", checked.email().value());
        }
        audit.recordAs(checked.email().value(), null, "platform.signup-asked", checked.email() + " asked to create "
                + checked.slug() + " (" + checked.companyName() + ") from " + clientAddress);
        return new SignUpOutcome(checked.email(), true);
    }

    /** Whether this email and password belong to a sign-up still waiting for an admin (for the login page). */
    @Transactional(readOnly = true)
    public boolean waitingForApproval(String email, String password) {
        return requests.findByEmail(email.strip().toLowerCase(java.util.Locale.ROOT))
                .filter(r -> accounts.passwordMatches(password, r.passwordHash())).isPresent();
    }

    /** Sign-ups waiting for an admin, oldest first. Platform admins only. */
    @Transactional(readOnly = true)
    public List<PendingSignUp> pending() {
        caller.requireAdmin();
        return requests.findAllByOrderByRequestedAtAsc().stream().map(SignUpRequestEntity::toRecord).toList();
    }

    /** Creates the account, tenant (and, after commit, its namespace) of a waiting sign-up. Admins only. */
    @Transactional
    public SignUpResult approve(long requestId) {
        CurrentUser admin = caller.requireAdmin();
        SignUpRequestEntity request = requests.findById(requestId)
                .orElseThrow(() -> new UserError("signup.request-gone"));
        PendingSignUp pending = request.toRecord();
        requests.delete(request);
        requests.flush();
        SignUpResult result = accounts.create(new AccountService.CheckedSignUp(pending.email(), pending.displayName(),
                pending.companyName(), pending.slug()), request.passwordHash());
        audit.record(pending.slug().value(), "platform.signup-approved", admin.email() + " approved the sign-up of "
                + pending.email() + " for " + pending.slug());
        return result;
    }

    /** Turns a waiting sign-up down; nothing of it is kept but the audit entry. Admins only. */
    @Transactional
    public void reject(long requestId, String reason) {
        CurrentUser admin = caller.requireAdmin();
        SignUpRequestEntity request = requests.findById(requestId)
                .orElseThrow(() -> new UserError("signup.request-gone"));
        PendingSignUp pending = request.toRecord();
        requests.delete(request);
        audit.record(null, "platform.signup-rejected", admin.email() + " turned down the sign-up of " + pending.email()
                + " for " + pending.slug() + (reason == null || reason.isBlank() ? "" : ": "
                + cut(reason.strip(), 300)));
    }

    /**
     * Makes a one-time sign-up link for invitation-only mode; the token is in the returned path and
     * nowhere else (only its hash is kept). Admins only; audited.
     */
    @Transactional
    public String invite(String note) {
        CurrentUser admin = caller.requireAdmin();
        String text = Text.optional("field.note", note == null ? "" : note, 200);
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        invitations.save(new SignUpInvitationEntity(hash(token), text, admin.email().value(), now,
                now.plus(INVITATION_VALIDITY)));
        audit.record(null, "platform.signup-invited", admin.email() + " made a sign-up link: " + text);
        return "signup?invite=" + token;
    }

    /** The latest sign-up links (never their tokens). Admins only. */
    @Transactional(readOnly = true)
    public List<SignUpInvitation> invitations() {
        caller.requireAdmin();
        return invitations.findTop20ByOrderByCreatedAtDesc().stream().map(SignUpInvitationEntity::toRecord).toList();
    }

    /** Whether a sign-up link can still be used (the page says so before the form is filled in). */
    @Transactional(readOnly = true)
    public boolean invitationOpen(@Nullable String token) {
        return openInvitation(token).isPresent();
    }

    private Optional<SignUpInvitationEntity> openInvitation(@Nullable String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        return invitations.findByTokenHash(hash(token)).filter(i -> i.isOpen(clock.instant()));
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

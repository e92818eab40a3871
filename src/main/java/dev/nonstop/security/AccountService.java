package dev.nonstop.security;

import dev.nonstop.audit.AuditLog;
import dev.nonstop.common.Email;
import dev.nonstop.common.TenantSlug;
import dev.nonstop.common.Text;
import dev.nonstop.common.UserError;
import dev.nonstop.security.internal.MembershipEntity;
import dev.nonstop.security.internal.MembershipRepository;
import dev.nonstop.security.internal.UserAccountEntity;
import dev.nonstop.security.internal.UserAccountRepository;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accounts and memberships: sign-up (account + tenant + owner membership, all or nothing), members
 * joining through an invitation, and member lists.
 */
@Service
public class AccountService {

    public static final int MAX_DISPLAY_NAME = 80;
    public static final int MAX_COMPANY_NAME = 100;

    private final UserAccountRepository users;
    private final MembershipRepository memberships;
    private final TenantRegistrar tenants;
    private final PasswordPolicy passwordPolicy;
    private final PasswordEncoder passwordEncoder;
    private final AuditLog audit;
    private final Caller caller;
    private final Clock clock;

    AccountService(UserAccountRepository users, MembershipRepository memberships, TenantRegistrar tenants,
                   PasswordPolicy passwordPolicy, PasswordEncoder passwordEncoder, AuditLog audit, Caller caller,
                   Clock clock) {
        this.users = users;
        this.memberships = memberships;
        this.tenants = tenants;
        this.passwordPolicy = passwordPolicy;
        this.passwordEncoder = passwordEncoder;
        this.audit = audit;
        this.caller = caller;
        this.clock = clock;
    }

    /** A sign-up whose every field passed its rules (the password too); nothing is saved yet. */
    public record CheckedSignUp(Email email, String displayName, String companyName, TenantSlug slug) {
    }

    /**
     * Creates an account, its tenant (on the starting tier) and the owner membership in one
     * transaction. Every field is checked before anything is written. The sign-up form goes through
     * {@link SignUpService}, which applies the platform's sign-up mode and throttling first.
     */
    @Transactional
    public SignUpResult signUp(SignUpRequest request) {
        CheckedSignUp checked = check(request);
        return create(checked, passwordEncoder.encode(request.password()));
    }

    /** Checks every field and that email and URL name are free; saves nothing. */
    @Transactional(readOnly = true)
    public CheckedSignUp check(SignUpRequest request) {
        Email email = Email.parse(request.email());
        String displayName = Text.require("field.display-name", request.displayName(), MAX_DISPLAY_NAME);
        String companyName = Text.require("field.company-name", request.companyName(), MAX_COMPANY_NAME);
        TenantSlug slug = slugFor(request.slug(), companyName);
        passwordPolicy.check(request.password(), email.value());
        if (users.existsByEmail(email.value())) {
            throw new UserError("error.email.taken", email.value());
        }
        return new CheckedSignUp(email, displayName, companyName, slug);
    }

    /** Creates what {@link #check} accepted, with a password hash made earlier (an approved sign-up). */
    @Transactional
    SignUpResult create(CheckedSignUp checked, String passwordHash) {
        if (users.existsByEmail(checked.email().value())) {
            throw new UserError("error.email.taken", checked.email().value());
        }
        long tenantId = tenants.register(checked.companyName(), checked.slug());
        UserAccountEntity account = saveNew(new UserAccountEntity(checked.email().value(), passwordHash,
                checked.displayName(), false, clock.instant()));
        memberships.save(new MembershipEntity(account.id(), tenantId, Role.OWNER, clock.instant()));
        audit.recordAs(checked.email().value(), checked.slug().value(), "tenant.signed-up",
                "Account " + checked.email() + " created tenant " + checked.slug() + " (" + checked.companyName() + ")");
        return new SignUpResult(account.id(), checked.email(), tenantId, checked.slug());
    }

    String hash(String password) {
        return passwordEncoder.encode(password);
    }

    boolean passwordMatches(String password, String hash) {
        return passwordEncoder.matches(password, hash);
    }

    /**
     * Inserts an account now, so that a concurrent sign-up with the same email fails here with a
     * clear message (and rolls back the tenant row) rather than at commit.
     */
    private UserAccountEntity saveNew(UserAccountEntity account) {
        try {
            return users.saveAndFlush(account);
        } catch (DataIntegrityViolationException raced) {
            throw new UserError("error.email.taken", account.email());
        }
    }

    /** The slug the user typed, or one suggested from the company name. */
    private static TenantSlug slugFor(String typed, String companyName) {
        if (typed != null && !typed.isBlank()) {
            return TenantSlug.parse(typed);
        }
        String suggested = TenantSlug.suggest(companyName);
        if (suggested.isEmpty()) {
            throw new UserError("error.slug.needed");
        }
        return TenantSlug.parse(suggested);
    }

    /** Suggests a slug for the sign-up form, or an empty string when the name gives none. */
    public String suggestSlug(String companyName) {
        return TenantSlug.suggest(companyName == null ? "" : companyName);
    }

    /**
     * Creates a MEMBER account in a tenant. Only for the tenant feature's invitation flow, after it
     * has checked the invitation token: it is the token, not a session, that authorises this.
     */
    @Transactional
    public long joinTenant(long tenantId, Email email, String rawDisplayName, String password) {
        String displayName = Text.require("field.display-name", rawDisplayName, MAX_DISPLAY_NAME);
        passwordPolicy.check(password, email.value());
        if (users.existsByEmail(email.value())) {
            throw new UserError("error.email.taken", email.value());
        }
        UserAccountEntity account = saveNew(new UserAccountEntity(email.value(), passwordEncoder.encode(password),
                displayName, false, clock.instant()));
        memberships.save(new MembershipEntity(account.id(), tenantId, Role.MEMBER, clock.instant()));
        return account.id();
    }

    /** Members of the caller's own tenant (or of any tenant, for a platform admin). */
    @Transactional(readOnly = true)
    public List<Member> members(long tenantId) {
        caller.requireTenant(tenantId);
        return memberships.findByTenantIdOrderByCreatedAtAsc(tenantId).stream()
                .map(m -> {
                    UserAccountEntity account = users.findById(m.userId()).orElseThrow();
                    return new Member(account.id(), new Email(account.email()), account.displayName(), m.role(),
                            m.createdAt());
                })
                .toList();
    }

    /** Member counts of every tenant, for the admin's tenant list. */
    @Transactional(readOnly = true)
    public Map<Long, Long> memberCounts() {
        caller.requireAdmin();
        Map<Long, Long> counts = new HashMap<>();
        for (Object[] row : memberships.countByTenant()) {
            counts.put((Long) row[0], (Long) row[1]);
        }
        return counts;
    }

    /**
     * Deletes every account of a tenant, for the tenant's deletion: its owner or a platform admin only.
     * A tenant holding a platform admin's account is refused (the platform would lose its admin).
     */
    @Transactional
    public int removeTenantAccounts(long tenantId) {
        CurrentUser by = caller.requireTenant(tenantId);
        if (!by.admin() && !by.isOwner()) {
            throw new dev.nonstop.common.AccessDenied();
        }
        var members = memberships.findByTenantIdOrderByCreatedAtAsc(tenantId);
        List<UserAccountEntity> accounts = members.stream().map(m -> users.findById(m.userId()).orElseThrow())
                .toList();
        if (accounts.stream().anyMatch(UserAccountEntity::platformAdmin)) {
            throw new UserError("tenant.delete.holds-admin");
        }
        memberships.deleteAll(members);
        users.deleteAll(accounts);
        return accounts.size();
    }

    @Transactional(readOnly = true)
    public boolean emailTaken(Email email) {
        return users.existsByEmail(email.value());
    }
}

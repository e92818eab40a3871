package dev.nonstop.security.internal;

import dev.nonstop.common.Email;
import dev.nonstop.common.TenantSlug;
import dev.nonstop.common.UserError;
import dev.nonstop.security.AccountService;
import dev.nonstop.security.SignUpRequest;
import dev.nonstop.security.TenantRegistrar;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates (or promotes) the first platform admin from {@code nonstop.admin.email} and
 * {@code nonstop.admin.password} at start. There is no built-in default: without both, no admin
 * is created and the log says how to make one. A weak password stops the start with the reason.
 * Admins belong to the platform's own tenant {@value #ADMIN_TENANT_SLUG}.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
    static final String ADMIN_TENANT_SLUG = "nonstop-ops";

    private final AccountService accounts;
    private final UserAccountRepository users;
    private final TenantRegistrar tenants;
    private final TransactionTemplate tx;
    private final String email;
    private final String password;

    AdminBootstrap(AccountService accounts, UserAccountRepository users, TenantRegistrar tenants,
                   TransactionTemplate tx, @Value("${nonstop.admin.email:}") String email,
                   @Value("${nonstop.admin.password:}") String password) {
        this.accounts = accounts;
        this.users = users;
        this.tenants = tenants;
        this.tx = tx;
        this.email = email;
        this.password = password;
    }

    @Override
    public void run(ApplicationArguments args) {
        ensureAdmin(email, password);
    }

    void ensureAdmin(String rawEmail, String rawPassword) {
        if (rawEmail.isBlank()) {
            if (users.findAll().stream().noneMatch(UserAccountEntity::platformAdmin)) {
                log.warn("No platform admin exists. Set NONSTOP_ADMIN_EMAIL and NONSTOP_ADMIN_PASSWORD and restart "
                        + "to create one (see README, Configuration).");
            }
            return;
        }
        Email admin = Email.parse(rawEmail);
        tx.executeWithoutResult(status -> {
            UserAccountEntity account = users.findByEmail(admin.value())
                    .orElseGet(() -> create(admin, rawPassword));
            if (!account.platformAdmin()) {
                account.makePlatformAdmin();
                users.save(account);
                log.info("Account {} is now a platform admin", admin);
            }
        });
    }

    private UserAccountEntity create(Email admin, String rawPassword) {
        if (rawPassword.isBlank()) {
            throw new IllegalStateException("NONSTOP_ADMIN_PASSWORD is empty: set it to create the admin " + admin
                    + ".");
        }
        try {
            OptionalLong ops = tenants.idOf(new TenantSlug(ADMIN_TENANT_SLUG));
            if (ops.isPresent()) {
                accounts.joinTenant(ops.getAsLong(), admin, "Platform admin", rawPassword);
            } else {
                accounts.signUp(new SignUpRequest(admin.value(), rawPassword, "Platform admin", "Nonstop operations",
                        ADMIN_TENANT_SLUG));
            }
        } catch (UserError refused) {
            throw new IllegalStateException("Cannot create the platform admin " + admin + " from "
                    + "NONSTOP_ADMIN_EMAIL/NONSTOP_ADMIN_PASSWORD: " + refused.key()
                    + " (a password needs 8+ characters and must not be a common one).");
        }
        log.info("Created platform admin {}", admin);
        return users.findByEmail(admin.value()).orElseThrow();
    }
}

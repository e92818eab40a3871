package dev.nonstop.security;

import dev.nonstop.common.AccessDenied;
import dev.nonstop.security.internal.NonstopUserDetails;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The signed-in user as every service entry point sees it. Services take the tenant from here,
 * never from a parameter a view could forge.
 */
@Component
public class Caller {

    public Optional<CurrentUser> find() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof NonstopUserDetails details) {
            return Optional.of(details.user());
        }
        return Optional.empty();
    }

    public CurrentUser require() {
        return find().orElseThrow(AccessDenied::new);
    }

    /** The caller, who must belong to {@code tenantId} or be a platform admin. */
    public CurrentUser requireTenant(long tenantId) {
        CurrentUser user = require();
        if (user.tenantId() != tenantId && !user.admin()) {
            throw new AccessDenied();
        }
        return user;
    }

    public CurrentUser requireOwner() {
        CurrentUser user = require();
        if (!user.isOwner()) {
            throw new AccessDenied();
        }
        return user;
    }

    public CurrentUser requireAdmin() {
        CurrentUser user = require();
        if (!user.admin()) {
            throw new AccessDenied();
        }
        return user;
    }
}

package dev.nonstop.security.internal;

import dev.nonstop.common.Email;
import dev.nonstop.security.CurrentUser;
import java.util.Locale;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Loads an account by email for Spring Security's login. */
@Service
public class NonstopUserDetailsService implements UserDetailsService {

    private final UserAccountRepository users;
    private final MembershipRepository memberships;

    NonstopUserDetailsService(UserAccountRepository users, MembershipRepository memberships) {
        this.users = users;
        this.memberships = memberships;
    }

    @Override
    @Transactional(readOnly = true)
    public UserDetails loadUserByUsername(String username) {
        String email = username.strip().toLowerCase(Locale.ROOT);
        UserAccountEntity account = users.findByEmail(email)
                .orElseThrow(() -> new UsernameNotFoundException("no such account"));
        MembershipEntity membership = memberships.findByUserId(account.id())
                .orElseThrow(() -> new UsernameNotFoundException("account has no tenant"));
        CurrentUser user = new CurrentUser(account.id(), new Email(account.email()), account.displayName(),
                membership.tenantId(), membership.role(), account.platformAdmin());
        return new NonstopUserDetails(user, account.passwordHash());
    }
}

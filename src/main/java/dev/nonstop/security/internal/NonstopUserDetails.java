package dev.nonstop.security.internal;

import dev.nonstop.security.CurrentUser;
import dev.nonstop.security.Role;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** The principal of a signed-in session. The password hash is dropped once authentication is done. */
public final class NonstopUserDetails implements UserDetails {

    private final CurrentUser user;
    private String passwordHash;

    public NonstopUserDetails(CurrentUser user, String passwordHash) {
        this.user = user;
        this.passwordHash = passwordHash;
    }

    public CurrentUser user() {
        return user;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority(user.role().authority()));
        if (user.admin()) {
            authorities.add(new SimpleGrantedAuthority(Role.ADMIN_AUTHORITY));
        }
        return authorities;
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return user.email().value();
    }

    public void eraseCredentials() {
        passwordHash = "";
    }

    @Override
    public String toString() {
        return "NonstopUserDetails[" + user.email() + "]";
    }
}

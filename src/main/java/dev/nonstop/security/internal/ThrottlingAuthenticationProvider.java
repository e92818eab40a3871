package dev.nonstop.security.internal;

import dev.nonstop.security.LoginThrottle;
import dev.nonstop.security.LoginThrottledException;
import dev.nonstop.security.SignUpPendingException;
import dev.nonstop.security.SignUpService;
import java.util.Optional;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Email and password login, refused while the {@link LoginThrottle} says so. Only wrong passwords
 * and unknown accounts count as failures; the log names the account and address, never the password.
 */
@Component
class ThrottlingAuthenticationProvider implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(ThrottlingAuthenticationProvider.class);

    private final DaoAuthenticationProvider passwords;
    private final LoginThrottle throttle;
    private final SignUpService signUps;

    ThrottlingAuthenticationProvider(NonstopUserDetailsService users, PasswordEncoder encoder, LoginThrottle throttle,
                                     SignUpService signUps) {
        this.passwords = new DaoAuthenticationProvider(users);
        this.passwords.setPasswordEncoder(encoder);
        this.throttle = throttle;
        this.signUps = signUps;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String email = authentication.getName() == null ? "" : authentication.getName().strip();
        String address = authentication.getDetails() instanceof WebAuthenticationDetails web
                && web.getRemoteAddress() != null ? web.getRemoteAddress() : "unknown";
        Optional<Instant> blocked = throttle.blockedUntil(email, address);
        if (blocked.isPresent()) {
            log.warn("Login throttled for account {} from {} until {}", email, address, blocked.get());
            throw new LoginThrottledException(blocked.get());
        }
        try {
            Authentication result = passwords.authenticate(authentication);
            throttle.succeeded(email, address);
            if (result != null && result.getPrincipal() instanceof NonstopUserDetails details) {
                details.eraseCredentials();
            }
            return result;
        } catch (BadCredentialsException e) {
            throttle.failed(email, address);
            if (authentication.getCredentials() instanceof String password
                    && signUps.waitingForApproval(email, password)) {
                throw new SignUpPendingException();
            }
            log.info("Failed login for account {} from {}", email, address);
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}

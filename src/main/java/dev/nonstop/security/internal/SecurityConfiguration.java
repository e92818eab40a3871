package dev.nonstop.security.internal;

import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import dev.nonstop.security.ui.LoginView;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;

/**
 * Web security: Vaadin's configurer with our login view, form login through the throttling
 * provider, session id renewed at login, and method security for the services' checks.
 */
@Configuration
@EnableWebSecurity
@EnableMethodSecurity
class SecurityConfiguration {

    /**
     * Webhooks from GitHub: no session, no CSRF token, no login — the HMAC signature over the body is
     * the proof, checked by the build feature's webhook service.
     */
    @Bean
    @org.springframework.core.annotation.Order(1)
    SecurityFilterChain webhookChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/api/hooks/**")
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(
                        org.springframework.security.config.http.SessionCreationPolicy.STATELESS));
        return http.build();
    }

    /**
     * The portal's own metrics for the platform's Prometheus: a bearer token, no session, no login page;
     * the token comes from {@code nonstop.metrics.scrape-token} (unset: closed to everyone).
     */
    @Bean
    @org.springframework.core.annotation.Order(2)
    SecurityFilterChain scrapeChain(HttpSecurity http,
                                    @org.springframework.beans.factory.annotation.Value(
                                            "${nonstop.metrics.scrape-token:}") String token) throws Exception {
        http.securityMatcher("/actuator/prometheus")
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(
                        org.springframework.security.config.http.SessionCreationPolicy.STATELESS))
                .addFilterBefore(new ScrapeToken(token), UsernamePasswordAuthenticationFilter.class);
        return http.build();
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                .requestMatchers("/actuator/**").denyAll()
                .requestMatchers("/images/**", "/styles/**").permitAll());
        http.sessionManagement(sessions -> sessions.sessionFixation(fixation -> fixation.changeSessionId()));
        http.addFilterBefore(new SameOriginLogin("/login"), UsernamePasswordAuthenticationFilter.class);
        // Requests that match no route still reach Vaadin, whose navigation access control (the views'
        // annotations) decides: an unknown page gets the portal's own "Page not found", not a bare 403.
        http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class, "/login")
                .anyRequest(AuthorizeHttpRequestsConfigurer.AuthorizedUrl::permitAll));
        return http.build();
    }

    /** Argon2id (OWASP ASVS 5.0 V11.4): no 72-byte limit, so long passphrases keep every character. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    }
}

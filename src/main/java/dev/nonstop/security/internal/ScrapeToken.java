package dev.nonstop.security.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The portal's own metrics ({@code /actuator/prometheus}) are for the platform's Prometheus, which sends
 * a bearer token ({@code NONSTOP_METRICS_TOKEN}); a user's session never opens them. Without a
 * configured token nobody can read them. Compared in constant time.
 */
final class ScrapeToken extends OncePerRequestFilter {

    private final byte[] expected;

    ScrapeToken(String token) {
        this.expected = token.isBlank() ? new byte[0] : ("Bearer " + token.strip()).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader("Authorization");
        if (expected.length == 0 || given == null
                || !MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
            response.setHeader("WWW-Authenticate", "Bearer");
            response.sendError(expected.length == 0 ? HttpServletResponse.SC_FORBIDDEN
                    : HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        chain.doFilter(request, response);
    }
}

package dev.nonstop.security.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a sign-in posted from another site (login CSRF: a hostile page signing the victim's browser
 * into the attacker's tenant). Browsers say where a form comes from in {@code Sec-Fetch-Site} and
 * {@code Origin}; a post whose headers name another origin is sent back to the sign-in page with a
 * notice instead of being processed. A client that sends neither header (not a browser) is let
 * through: a forged cross-site request always comes from a browser, which always sends them.
 * See OWASP's CSRF cheat sheet, "Verifying Origin with standard headers".
 */
final class SameOriginLogin extends OncePerRequestFilter {

    static final String REFUSED = "/login?cross-site";
    private static final Logger log = LoggerFactory.getLogger(SameOriginLogin.class);
    private final String loginPath;

    SameOriginLogin(String loginPath) {
        this.loginPath = loginPath;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod())
                || !(request.getContextPath() + loginPath).equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (crossSite(request.getHeader("Sec-Fetch-Site"), request.getHeader("Origin"), request.getHeader("Host"))) {
            log.warn("Refused a sign-in posted from another site (Origin {}, Sec-Fetch-Site {}) from {}",
                    request.getHeader("Origin"), request.getHeader("Sec-Fetch-Site"), request.getRemoteAddr());
            response.setStatus(HttpServletResponse.SC_SEE_OTHER);
            response.setHeader("Location", request.getContextPath() + REFUSED);
            return;
        }
        chain.doFilter(request, response);
    }

    /** Whether the headers say the post comes from a page of another origin than the portal's. */
    static boolean crossSite(@Nullable String fetchSite, @Nullable String origin, @Nullable String host) {
        if (fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none")) {
            return true;
        }
        if (origin == null) {
            return false;
        }
        if (host == null) {
            return true;
        }
        try {
            URI uri = URI.create(origin.strip());
            if (uri.getHost() == null) {
                return true; // "null" (sandboxed frames, privacy redirects) or garbage
            }
            int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            return !authority(uri.getHost(), port).equals(hostHeader(host, uri.getScheme()));
        } catch (IllegalArgumentException unparsable) {
            return true;
        }
    }

    private static String hostHeader(String host, String scheme) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        int colon = h.lastIndexOf(':');
        if (colon > h.lastIndexOf(']')) {
            return h;
        }
        return h + ":" + ("https".equalsIgnoreCase(scheme) ? 443 : 80);
    }

    private static String authority(String host, int port) {
        return host.toLowerCase(Locale.ROOT) + ":" + port;
    }
}

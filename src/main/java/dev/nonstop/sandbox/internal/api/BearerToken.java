package dev.nonstop.sandbox.internal.api;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The sandbox API answers only callers holding its token ({@code Authorization: Bearer …}), as a
 * real API server refuses anonymous writes: another local user cannot read or rewrite tenants'
 * objects through the loopback port. Health and version stay open, as on a real cluster
 * (system:public-info-viewer). The token is made at start and written only into the kubeconfig.
 */
public final class BearerToken {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final byte[] expected;
    private final String token;

    private BearerToken(String token) {
        this.token = token;
        this.expected = ("Bearer " + token).getBytes(StandardCharsets.US_ASCII);
    }

    public static BearerToken random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new BearerToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    public String value() {
        return token;
    }

    /** A 401 for a request without the token (compared in constant time); empty when it may pass. */
    Optional<MockResponse> refusal(RecordedRequest request) {
        String path = request.getPath() == null ? "" : request.getPath();
        if (path.startsWith("/healthz") || path.startsWith("/livez") || path.startsWith("/readyz")
                || path.equals("/version") || path.startsWith("/version?")) {
            return Optional.empty();
        }
        String header = request.getHeader("Authorization");
        byte[] given = header == null ? new byte[0] : header.getBytes(StandardCharsets.US_ASCII);
        if (MessageDigest.isEqual(expected, given)) {
            return Optional.empty();
        }
        return Optional.of(ApiStatus.failure(401, "Unauthorized", "Unauthorized: the sandbox API needs the token "
                + "from its kubeconfig (scripts/sandbox-kubeconfig)"));
    }
}

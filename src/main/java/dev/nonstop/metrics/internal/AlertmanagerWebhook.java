package dev.nonstop.metrics.internal;

import dev.nonstop.metrics.MetricsSettings;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Alertmanager's webhook receiver: {@code POST /api/hooks/alertmanager} with the bearer token
 * {@code nonstop.metrics.alertmanager-token} (unset: every post refused), a body of at most 1 MiB.
 */
@RestController
class AlertmanagerWebhook {

    static final String PATH = "/api/hooks/alertmanager";

    private final AlertmanagerIntake intake;
    private final byte[] expected;

    AlertmanagerWebhook(AlertmanagerIntake intake, MetricsSettings settings) {
        this.intake = intake;
        this.expected = settings.alertmanagerToken().isEmpty() ? new byte[0]
                : ("Bearer " + settings.alertmanagerToken()).getBytes(StandardCharsets.UTF_8);
    }

    @PostMapping(path = PATH, produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> receive(HttpServletRequest request) throws IOException {
        if (expected.length == 0) {
            return ResponseEntity.status(403).body("alerts are not taken: set NONSTOP_ALERTMANAGER_TOKEN");
        }
        String given = request.getHeader("Authorization");
        if (given == null || !MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
            return ResponseEntity.status(401).header("WWW-Authenticate", "Bearer").body("wrong or missing token");
        }
        if (request.getContentLengthLong() > AlertmanagerIntake.MAX_BODY) {
            return ResponseEntity.status(413).body("payload larger than 1 MiB");
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(AlertmanagerIntake.MAX_BODY + 1);
        }
        if (body.length > AlertmanagerIntake.MAX_BODY) {
            return ResponseEntity.status(413).body("payload larger than 1 MiB");
        }
        var outcome = intake.receive(body);
        return ResponseEntity.status(outcome.status()).body(outcome.message());
    }
}

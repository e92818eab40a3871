package dev.nonstop.build.internal;

import dev.nonstop.build.WebhookService;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The HTTP face of {@link WebhookService}: reads the raw body (at most 1 MiB) and the GitHub headers. */
@RestController
class GithubWebhookController {

    private final WebhookService webhooks;

    GithubWebhookController(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @PostMapping(path = WebhookKeys.PATH + "{key}", produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> receive(@PathVariable String key, HttpServletRequest request) throws IOException {
        if (key.matches("\\d{1,18}")) {
            // the addresses of before issue 11 named the source's number; they are gone for good
            return ResponseEntity.status(410).body("This webhook address is no longer valid: copy the new "
                    + "payload URL from Nonstop (Builds, Webhook) into the repository's webhook settings.");
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(WebhookService.MAX_BODY + 1);
        }
        if (body.length > WebhookService.MAX_BODY) {
            return ResponseEntity.status(413).body("payload larger than 1 MiB");
        }
        var outcome = webhooks.receive(key, request.getRemoteAddr(), request.getHeader("X-GitHub-Event"),
                request.getHeader("X-GitHub-Delivery"), request.getHeader("X-Hub-Signature-256"), body);
        return ResponseEntity.status(outcome.status()).body(outcome.message());
    }
}

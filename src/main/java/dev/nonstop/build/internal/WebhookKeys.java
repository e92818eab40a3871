package dev.nonstop.build.internal;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The random keys in webhook addresses ({@code /api/hooks/github/<key>}): 192 bits, URL-safe, so an
 * address cannot be guessed from another. Sources made before keys existed get one at start.
 */
@Component
public class WebhookKeys {

    public static final String PATH = "/api/hooks/github/";
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{32}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Logger log = LoggerFactory.getLogger(WebhookKeys.class);

    private final BuildSourceRepository sources;

    WebhookKeys(BuildSourceRepository sources) {
        this.sources = sources;
    }

    public static String newKey() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether a path segment could be a key at all (anything else is answered without a lookup). */
    public static boolean wellFormed(String key) {
        return FORM.matcher(key).matches();
    }

    @EventListener(ApplicationReadyEvent.class)
    @Transactional
    public void fillMissing() {
        var missing = sources.findByWebhookKeyIsNullAndDeletedAtIsNull();
        missing.forEach(source -> source.setWebhookKey(newKey()));
        if (!missing.isEmpty()) {
            log.info("Gave {} build source(s) a webhook key: their webhook address in GitHub must be updated",
                    missing.size());
        }
    }
}

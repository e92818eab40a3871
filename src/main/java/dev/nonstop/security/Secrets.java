package dev.nonstop.security;

import dev.nonstop.common.SecretBox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Seals and opens secrets kept in the database (tokens, webhook secrets) with the key from
 * {@code nonstop.secrets.key} ({@code NONSTOP_SECRETS_KEY}: 32 bytes, base64). Without one — the
 * zero-setup default — a key is generated once into {@code nonstop.secrets.key-file} (owner-only
 * permissions) and a warning says to configure a real one.
 */
@Component
public class Secrets {

    private static final Logger log = LoggerFactory.getLogger(Secrets.class);
    private final SecretBox box;

    Secrets(@Value("${nonstop.secrets.key:}") String key,
            @Value("${nonstop.secrets.key-file:./data/secrets.key}") String keyFile) {
        this.box = SecretBox.fromBase64(key.isBlank() ? keyFromFile(Path.of(keyFile)) : key);
    }

    private static String keyFromFile(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file).strip();
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            String key = SecretBox.newKey();
            Files.writeString(file, key);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // best effort on non-POSIX file systems
            }
            log.warn("No NONSTOP_SECRETS_KEY set: generated one in {}. Set NONSTOP_SECRETS_KEY in production and "
                    + "keep it safe: without it, stored tokens cannot be read.", file.toAbsolutePath());
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the secrets key file " + file, e);
        }
    }

    public String seal(String secret) {
        return box.seal(secret);
    }

    public String open(String sealed) {
        return box.open(sealed);
    }
}

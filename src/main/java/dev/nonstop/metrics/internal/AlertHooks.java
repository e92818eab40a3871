package dev.nonstop.metrics.internal;

import dev.nonstop.metrics.AlertHook;
import dev.nonstop.security.Secrets;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Each tenant's alert webhook: the address sealed at rest, a hint to show, the language, the last delivery. */
@Component
public class AlertHooks {

    /** A tenant's webhook as the sender needs it. */
    record Target(URI uri, Locale locale) {
    }

    private final JdbcTemplate jdbc;
    private final Secrets secrets;

    AlertHooks(JdbcTemplate jdbc, Secrets secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    public Optional<AlertHook> find(long tenantId) {
        return jdbc.query("SELECT hint, set_by, set_at, last_sent_at, last_error FROM alert_hooks WHERE tenant_id = ?",
                (row, n) -> new AlertHook(row.getString(1), row.getString(2), row.getTimestamp(3).toInstant(),
                        row.getTimestamp(4) == null ? null : row.getTimestamp(4).toInstant(), row.getString(5)),
                tenantId).stream().findFirst();
    }

    Optional<Target> target(long tenantId) {
        return jdbc.query("SELECT url_sealed, locale FROM alert_hooks WHERE tenant_id = ?",
                (row, n) -> new Target(URI.create(secrets.open(row.getString(1))),
                        Locale.forLanguageTag(row.getString(2))), tenantId).stream().findFirst();
    }

    public void save(long tenantId, URI uri, Locale locale, String by, Instant at) {
        String sealed = secrets.seal(uri.toString());
        String hint = HookAddress.hint(uri);
        String language = locale.getLanguage().isEmpty() ? "en" : locale.getLanguage();
        if (jdbc.update("UPDATE alert_hooks SET url_sealed = ?, hint = ?, locale = ?, set_by = ?, set_at = ?, "
                + "last_sent_at = NULL, last_error = NULL WHERE tenant_id = ?", sealed, hint, language, by,
                Timestamp.from(at), tenantId) == 0) {
            jdbc.update("INSERT INTO alert_hooks (tenant_id, url_sealed, hint, locale, set_by, set_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?)", tenantId, sealed, hint, language, by, Timestamp.from(at));
        }
    }

    public boolean delete(long tenantId) {
        return jdbc.update("DELETE FROM alert_hooks WHERE tenant_id = ?", tenantId) > 0;
    }

    void delivered(long tenantId, Instant at, @Nullable String error) {
        jdbc.update("UPDATE alert_hooks SET last_sent_at = ?, last_error = ? WHERE tenant_id = ?", Timestamp.from(at),
                error == null ? null : error.length() > 300 ? error.substring(0, 300) : error, tenantId);
    }
}

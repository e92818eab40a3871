package dev.nonstop.metrics.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Which apps' alerts a tenant has muted, and until when (rows past their time mean nothing). */
@Component
public class AlertMutes {

    private final JdbcTemplate jdbc;

    AlertMutes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void mute(long tenantId, String app, Instant until, String by) {
        if (jdbc.update("UPDATE alert_mutes SET muted_until = ?, muted_by = ? WHERE tenant_id = ? AND app_name = ?",
                Timestamp.from(until), by, tenantId, app) == 0) {
            jdbc.update("INSERT INTO alert_mutes (tenant_id, app_name, muted_until, muted_by) VALUES (?, ?, ?, ?)",
                    tenantId, app, Timestamp.from(until), by);
        }
    }

    public void unmute(long tenantId, String app) {
        jdbc.update("DELETE FROM alert_mutes WHERE tenant_id = ? AND app_name = ?", tenantId, app);
    }

    public Optional<Instant> until(long tenantId, String app, Instant now) {
        return jdbc.query("SELECT muted_until FROM alert_mutes WHERE tenant_id = ? AND app_name = ?",
                (row, n) -> row.getTimestamp(1).toInstant(), tenantId, app).stream()
                .filter(until -> until.isAfter(now)).findFirst();
    }
}

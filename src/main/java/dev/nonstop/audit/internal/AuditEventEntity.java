package dev.nonstop.audit.internal;

import dev.nonstop.audit.AuditEvent;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "audit_events")
public class AuditEventEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;
    private Instant occurredAt;
    private String actor;
    private @Nullable String tenantSlug;
    private String action;
    private String detail;

    protected AuditEventEntity() {
        this(Instant.EPOCH, "", null, "", "");
    }

    public AuditEventEntity(Instant occurredAt, String actor, @Nullable String tenantSlug, String action,
                            String detail) {
        this.occurredAt = occurredAt;
        this.actor = actor;
        this.tenantSlug = tenantSlug;
        this.action = action;
        this.detail = detail;
    }

    public AuditEvent toRecord() {
        return new AuditEvent(id == null ? 0 : id, occurredAt, actor, tenantSlug, action, detail);
    }
}

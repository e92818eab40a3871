package dev.nonstop.build.internal;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A tenant's GitHub token, sealed; only its last characters are ever shown again. */
@Entity
@Table(name = "source_tokens")
public class SourceTokenEntity {

    @Id
    private Long tenantId = 0L;
    private String sealed = "";
    private String hint = "";
    private String createdBy = "";
    private Instant createdAt = Instant.EPOCH;

    protected SourceTokenEntity() {
    }

    public SourceTokenEntity(long tenantId, String sealed, String hint, String createdBy, Instant createdAt) {
        this.tenantId = tenantId;
        this.sealed = sealed;
        this.hint = hint;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    public String sealed() {
        return sealed;
    }

    public String hint() {
        return hint;
    }
}

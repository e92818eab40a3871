package dev.nonstop.tenant.internal;

import dev.nonstop.tenant.UpgradeRequest;
import dev.nonstop.tenant.UpgradeState;
import dev.nonstop.tier.TierCode;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "upgrade_requests")
public class UpgradeRequestEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;
    private long tenantId;
    @Enumerated(EnumType.STRING)
    private TierCode targetTier = TierCode.PAID;
    @Enumerated(EnumType.STRING)
    private UpgradeState state = UpgradeState.PENDING;
    private String requestedBy = "";
    private Instant requestedAt = Instant.EPOCH;
    private String note = "";
    private @Nullable String decidedBy;
    private @Nullable Instant decidedAt;
    private @Nullable String reason;
    @Version
    private long version;

    protected UpgradeRequestEntity() {
    }

    public UpgradeRequestEntity(long tenantId, TierCode targetTier, String requestedBy, Instant requestedAt,
                                String note) {
        this.tenantId = tenantId;
        this.targetTier = targetTier;
        this.requestedBy = requestedBy;
        this.requestedAt = requestedAt;
        this.note = note;
    }

    public long tenantId() {
        return tenantId;
    }

    public TierCode targetTier() {
        return targetTier;
    }

    public UpgradeState state() {
        return state;
    }

    public void decide(UpgradeState outcome, String by, Instant at, @Nullable String why) {
        state = outcome;
        decidedBy = by;
        decidedAt = at;
        reason = why;
    }

    public UpgradeRequest toRecord(String tenant) {
        if (id == null) {
            throw new IllegalStateException("not saved yet");
        }
        return new UpgradeRequest(id, tenantId, tenant, targetTier, state, requestedBy, requestedAt, note, decidedBy,
                decidedAt, reason);
    }
}

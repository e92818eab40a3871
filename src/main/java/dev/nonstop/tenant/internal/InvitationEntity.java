package dev.nonstop.tenant.internal;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "invitations")
public class InvitationEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;
    private long tenantId;
    private String email = "";
    private String tokenHash = "";
    private String invitedBy = "";
    private Instant createdAt = Instant.EPOCH;
    private Instant expiresAt = Instant.EPOCH;
    private @Nullable Instant acceptedAt;

    protected InvitationEntity() {
    }

    public InvitationEntity(long tenantId, String email, String tokenHash, String invitedBy, Instant createdAt,
                            Instant expiresAt) {
        this.tenantId = tenantId;
        this.email = email;
        this.tokenHash = tokenHash;
        this.invitedBy = invitedBy;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    public long tenantId() {
        return tenantId;
    }

    public String email() {
        return email;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public boolean isOpen(Instant now) {
        return acceptedAt == null && now.isBefore(expiresAt);
    }

    public void accept(Instant now) {
        acceptedAt = now;
    }
}

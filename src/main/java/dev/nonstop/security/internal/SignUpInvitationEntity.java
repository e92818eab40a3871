package dev.nonstop.security.internal;

import dev.nonstop.security.SignUpInvitation;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A one-time sign-up link an admin made for invitation-only mode; only its token's SHA-256 is kept. */
@Entity
@Table(name = "signup_invitations")
public class SignUpInvitationEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;
    private String tokenHash = "";
    private String note = "";
    private String createdBy = "";
    private Instant createdAt = Instant.EPOCH;
    private Instant expiresAt = Instant.EPOCH;
    private @Nullable Instant usedAt;
    private @Nullable String usedBy;

    protected SignUpInvitationEntity() {
    }

    public SignUpInvitationEntity(String tokenHash, String note, String createdBy, Instant createdAt,
                                  Instant expiresAt) {
        this.tokenHash = tokenHash;
        this.note = note;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    public boolean isOpen(Instant now) {
        return usedAt == null && now.isBefore(expiresAt);
    }

    public void use(String by, Instant at) {
        this.usedBy = by;
        this.usedAt = at;
    }

    public SignUpInvitation toRecord() {
        return new SignUpInvitation(id == null ? 0 : id, note, createdBy, createdAt, expiresAt, usedAt, usedBy);
    }
}

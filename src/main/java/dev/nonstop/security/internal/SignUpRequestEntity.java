package dev.nonstop.security.internal;

import dev.nonstop.common.Email;
import dev.nonstop.common.TenantSlug;
import dev.nonstop.security.PendingSignUp;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A sign-up waiting for an admin's approval: what the form sent, the password already hashed. No
 * account, tenant or namespace exists until it is approved.
 */
@Entity
@Table(name = "signup_requests")
public class SignUpRequestEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;
    private String email = "";
    private String passwordHash = "";
    private String displayName = "";
    private String companyName = "";
    private String slug = "";
    private String clientAddress = "";
    private Instant requestedAt = Instant.EPOCH;

    protected SignUpRequestEntity() {
    }

    public SignUpRequestEntity(String email, String passwordHash, String displayName, String companyName, String slug,
                               String clientAddress, Instant requestedAt) {
        this.email = email;
        this.passwordHash = passwordHash;
        this.displayName = displayName;
        this.companyName = companyName;
        this.slug = slug;
        this.clientAddress = clientAddress;
        this.requestedAt = requestedAt;
    }

    public long id() {
        if (id == null) {
            throw new IllegalStateException("not saved yet");
        }
        return id;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public PendingSignUp toRecord() {
        return new PendingSignUp(id(), new Email(email), displayName, companyName, new TenantSlug(slug), clientAddress,
                requestedAt);
    }
}

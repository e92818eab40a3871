package dev.nonstop.security.internal;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "users")
public class UserAccountEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;
    private String email = "";
    private String passwordHash = "";
    private String displayName = "";
    private boolean platformAdmin;
    private Instant createdAt = Instant.EPOCH;

    protected UserAccountEntity() {
    }

    public UserAccountEntity(String email, String passwordHash, String displayName, boolean platformAdmin,
                             Instant createdAt) {
        this.email = email;
        this.passwordHash = passwordHash;
        this.displayName = displayName;
        this.platformAdmin = platformAdmin;
        this.createdAt = createdAt;
    }

    public long id() {
        if (id == null) {
            throw new IllegalStateException("not saved yet");
        }
        return id;
    }

    public String email() {
        return email;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public String displayName() {
        return displayName;
    }

    public boolean platformAdmin() {
        return platformAdmin;
    }

    public void makePlatformAdmin() {
        platformAdmin = true;
    }
}

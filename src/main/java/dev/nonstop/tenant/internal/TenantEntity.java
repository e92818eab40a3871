package dev.nonstop.tenant.internal;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "tenants")
public class TenantEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;
    private String slug = "";
    private String name = "";
    private long tierId;
    private Instant createdAt = Instant.EPOCH;

    protected TenantEntity() {
    }

    public TenantEntity(String slug, String name, long tierId, Instant createdAt) {
        this.slug = slug;
        this.name = name;
        this.tierId = tierId;
        this.createdAt = createdAt;
    }

    public long id() {
        if (id == null) {
            throw new IllegalStateException("not saved yet");
        }
        return id;
    }

    public String slug() {
        return slug;
    }

    public String name() {
        return name;
    }

    public long tierId() {
        return tierId;
    }

    public void moveToTier(long newTierId) {
        tierId = newTierId;
    }

    public Instant createdAt() {
        return createdAt;
    }
}

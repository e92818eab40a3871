package dev.nonstop.security.internal;

import dev.nonstop.security.Role;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "memberships")
public class MembershipEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;
    private long userId;
    private long tenantId;
    @Enumerated(EnumType.STRING)
    private Role role = Role.MEMBER;
    private Instant createdAt = Instant.EPOCH;

    protected MembershipEntity() {
    }

    public MembershipEntity(long userId, long tenantId, Role role, Instant createdAt) {
        this.userId = userId;
        this.tenantId = tenantId;
        this.role = role;
        this.createdAt = createdAt;
    }

    public long userId() {
        return userId;
    }

    public long tenantId() {
        return tenantId;
    }

    public Role role() {
        return role;
    }

    public Instant createdAt() {
        return createdAt;
    }
}

package dev.nonstop.audit.internal;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface AuditEventRepository extends JpaRepository<AuditEventEntity, Long> {

    @Query("""
            select e from AuditEventEntity e
            where (:actor is null or lower(e.actor) like :actor)
              and (:tenant is null or lower(e.tenantSlug) like :tenant)
              and (:action is null or lower(e.action) like :action)
              and (:from is null or e.occurredAt >= :from)
              and (:to is null or e.occurredAt < :to)
            order by e.id desc""")
    List<AuditEventEntity> search(@Nullable String actor, @Nullable String tenant, @Nullable String action,
                                  @Nullable Instant from, @Nullable Instant to, Pageable page);

    List<AuditEventEntity> findByTenantSlugOrderByIdDesc(String tenantSlug, Pageable page);
}

package dev.nonstop.build.internal;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface BuildSourceRepository extends JpaRepository<BuildSourceEntity, Long> {

    List<BuildSourceEntity> findByTenantIdAndDeletedAtIsNullOrderByNameAsc(long tenantId);

    long countByTenantIdAndDeletedAtIsNull(long tenantId);

    Optional<BuildSourceEntity> findByTenantIdAndName(long tenantId, String name);

    Optional<BuildSourceEntity> findByWebhookKey(String webhookKey);

    List<BuildSourceEntity> findByWebhookKeyIsNullAndDeletedAtIsNull();
}

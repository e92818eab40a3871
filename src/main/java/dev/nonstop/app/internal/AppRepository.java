package dev.nonstop.app.internal;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface AppRepository extends JpaRepository<AppEntity, Long> {

    List<AppEntity> findByTenantIdOrderByNameAsc(long tenantId);

    Optional<AppEntity> findBySourceId(long sourceId);

    Optional<AppEntity> findByTenantIdAndName(long tenantId, String name);
}

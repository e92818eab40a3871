package dev.nonstop.metrics.internal;

import dev.nonstop.metrics.Alert;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

public interface AlertRepository extends JpaRepository<AlertEntity, Long> {

    Optional<AlertEntity> findByOpenFingerprint(String fingerprint);

    List<AlertEntity> findByTenantIdAndResolvedAtIsNullOrderByIdDesc(long tenantId);

    List<AlertEntity> findByTenantIdOrderByIdDesc(long tenantId, Limit limit);

    List<AlertEntity> findBySourceAndResolvedAtIsNull(Alert.Source source);

    Optional<AlertEntity> findByIdAndTenantId(long id, long tenantId);
}

package dev.nonstop.tenant.internal;

import dev.nonstop.tenant.UpgradeState;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface UpgradeRequestRepository extends JpaRepository<UpgradeRequestEntity, Long> {

    Optional<UpgradeRequestEntity> findFirstByTenantIdOrderByRequestedAtDescIdDesc(long tenantId);

    List<UpgradeRequestEntity> findByStateOrderByRequestedAtAsc(UpgradeState state);

    boolean existsByTenantIdAndState(long tenantId, UpgradeState state);
}

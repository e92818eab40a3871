package dev.nonstop.security.internal;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface MembershipRepository extends JpaRepository<MembershipEntity, Long> {

    Optional<MembershipEntity> findByUserId(long userId);

    List<MembershipEntity> findByTenantIdOrderByCreatedAtAsc(long tenantId);

    @Query("select m.tenantId, count(m) from MembershipEntity m group by m.tenantId")
    List<Object[]> countByTenant();
}

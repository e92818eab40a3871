package dev.nonstop.tenant.internal;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface InvitationRepository extends JpaRepository<InvitationEntity, Long> {

    Optional<InvitationEntity> findByTokenHash(String tokenHash);

    java.util.List<InvitationEntity> findByTenantId(long tenantId);
}

package dev.nonstop.security.internal;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface SignUpInvitationRepository extends JpaRepository<SignUpInvitationEntity, Long> {

    Optional<SignUpInvitationEntity> findByTokenHash(String tokenHash);

    List<SignUpInvitationEntity> findTop20ByOrderByCreatedAtDesc();
}

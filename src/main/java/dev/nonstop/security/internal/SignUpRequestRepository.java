package dev.nonstop.security.internal;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface SignUpRequestRepository extends JpaRepository<SignUpRequestEntity, Long> {

    List<SignUpRequestEntity> findAllByOrderByRequestedAtAsc();

    Optional<SignUpRequestEntity> findByEmail(String email);

    boolean existsByEmail(String email);

    boolean existsBySlug(String slug);
}

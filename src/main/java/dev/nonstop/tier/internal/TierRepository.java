package dev.nonstop.tier.internal;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface TierRepository extends JpaRepository<TierEntity, Long> {

    Optional<TierEntity> findByCode(String code);

    List<TierEntity> findAllByOrderByIdAsc();
}

package dev.nonstop.app.internal;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ReleaseRepository extends JpaRepository<ReleaseEntity, Long> {

    List<ReleaseEntity> findByAppIdOrderByIdDesc(long appId);
}

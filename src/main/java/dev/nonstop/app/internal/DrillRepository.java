package dev.nonstop.app.internal;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface DrillRepository extends JpaRepository<DrillEntity, Long> {

    List<DrillEntity> findByAppIdOrderByIdDesc(long appId);

    List<DrillEntity> findByZoneDrillIdOrderByIdAsc(long zoneDrillId);
}

package dev.nonstop.app.internal;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ZoneDrillRepository extends JpaRepository<ZoneDrillEntity, Long> {

    List<ZoneDrillEntity> findTop10ByOrderByIdDesc();

    List<ZoneDrillEntity> findByRestoredAtIsNull();
}

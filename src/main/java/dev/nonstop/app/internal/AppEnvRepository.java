package dev.nonstop.app.internal;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface AppEnvRepository extends JpaRepository<AppEnvEntity, AppEnvEntity.Key> {

    List<AppEnvEntity> findByAppIdOrderByNameAsc(long appId);

    void deleteByAppId(long appId);
}

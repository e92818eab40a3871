package dev.nonstop.app.internal;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ReleaseRepository extends JpaRepository<ReleaseEntity, Long> {

    List<ReleaseEntity> findByAppIdOrderByIdDesc(long appId);

    @org.springframework.data.jpa.repository.Query(
            "select coalesce(max(r.appNumber), 0) from ReleaseEntity r where r.appId = :appId")
    int lastNumber(@org.springframework.data.repository.query.Param("appId") long appId);

    List<ReleaseEntity> findByAppNumberIsNullOrderByIdAsc();
}

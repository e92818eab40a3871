package dev.nonstop.app.internal;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface AppRepository extends JpaRepository<AppEntity, Long> {

    List<AppEntity> findByTenantIdOrderByNameAsc(long tenantId);

    Optional<AppEntity> findBySourceId(long sourceId);

    long countByTenantId(long tenantId);

    long countByTenantIdAndStoppedFalse(long tenantId);

    Optional<AppEntity> findByTenantIdAndName(long tenantId, String name);

    /**
     * The reconciler's own writes touch only their columns and leave the version alone, so that they
     * never make a user's concurrent change fail (entities update only the columns they changed).
     */
    @org.springframework.data.jpa.repository.Modifying(flushAutomatically = true, clearAutomatically = true)
    @org.springframework.data.jpa.repository.Query("update AppEntity a set a.goodReleaseId = :release where a.id = :id")
    int markGood(@org.springframework.data.repository.query.Param("id") long id,
                 @org.springframework.data.repository.query.Param("release") long release);

    @org.springframework.data.jpa.repository.Modifying(flushAutomatically = true, clearAutomatically = true)
    @org.springframework.data.jpa.repository.Query("update AppEntity a set a.currentReleaseId = :good, a.notice = :notice "
            + "where a.id = :id and a.currentReleaseId = :failing")
    int rollBack(@org.springframework.data.repository.query.Param("id") long id,
                 @org.springframework.data.repository.query.Param("failing") long failing,
                 @org.springframework.data.repository.query.Param("good") long good,
                 @org.springframework.data.repository.query.Param("notice") String notice);

    @org.springframework.data.jpa.repository.Modifying(flushAutomatically = true, clearAutomatically = true)
    @org.springframework.data.jpa.repository.Query("update AppEntity a set a.notice = :notice where a.id = :id")
    int notice(@org.springframework.data.repository.query.Param("id") long id,
               @org.springframework.data.repository.query.Param("notice") String notice);
}

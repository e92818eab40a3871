package dev.nonstop.build.internal;

import dev.nonstop.build.BuildStatus;
import java.util.Collection;
import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

public interface BuildRepository extends JpaRepository<BuildEntity, Long> {

    List<BuildEntity> findByTenantIdOrderByIdDesc(long tenantId, Pageable page);

    List<BuildEntity> findBySourceIdOrderByIdDesc(long sourceId);

    List<BuildEntity> findByStatusIn(Collection<BuildStatus> statuses);

    long countByTenantIdAndStatusIn(long tenantId, Collection<BuildStatus> statuses);

    @org.springframework.data.jpa.repository.Query(
            "select coalesce(max(b.appNumber), 0) from BuildEntity b where b.sourceId = :sourceId")
    int lastNumber(@org.springframework.data.repository.query.Param("sourceId") long sourceId);

    List<BuildEntity> findByAppNumberIsNullOrderByIdAsc();

    /** Only these two columns: the tracker may be writing the build's status at the same moment. */
    @org.springframework.data.jpa.repository.Modifying
    @org.springframework.data.jpa.repository.Query("update BuildEntity b set b.commitMessage = :message, "
            + "b.commitAuthor = :author where b.id = :id")
    int describeCommit(@org.springframework.data.repository.query.Param("id") long id,
                       @org.springframework.data.repository.query.Param("message") @org.jspecify.annotations.Nullable String message,
                       @org.springframework.data.repository.query.Param("author") @org.jspecify.annotations.Nullable String author);
}

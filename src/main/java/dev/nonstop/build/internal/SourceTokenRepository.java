package dev.nonstop.build.internal;

import org.springframework.data.jpa.repository.JpaRepository;

public interface SourceTokenRepository extends JpaRepository<SourceTokenEntity, Long> {
}

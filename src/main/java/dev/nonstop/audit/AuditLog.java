package dev.nonstop.audit;

import dev.nonstop.audit.internal.AuditEventEntity;
import dev.nonstop.audit.internal.AuditEventRepository;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes and reads the audit trail. Writing joins the caller's transaction, so a change and its
 * audit row are saved together or not at all.
 */
@Service
public class AuditLog {

    static final int MAX_DETAIL = 1000;
    public static final int PAGE_LIMIT = 500;

    private final AuditEventRepository events;
    private final Clock clock;

    AuditLog(AuditEventRepository events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    /** Records a change made by the signed-in user (or "system" when nobody is signed in). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(@Nullable String tenantSlug, String action, String detail) {
        recordAs(currentActor(), tenantSlug, action, detail);
    }

    /** Records a change made by someone not yet signed in (sign-up, accepting an invitation, a failed login). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordAs(String actor, @Nullable String tenantSlug, String action, String detail) {
        String trimmed = detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL - 1) + "…" : detail;
        events.save(new AuditEventEntity(clock.instant(), actor, tenantSlug, action, trimmed));
    }

    /** Newest first, at most {@link #PAGE_LIMIT} rows. Platform admins only. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public List<AuditEvent> search(AuditFilter filter) {
        return events.search(blankToNull(filter.actor()), blankToNull(filter.tenantSlug()),
                        blankToNull(filter.action()), filter.from(), filter.to(), PageRequest.of(0, PAGE_LIMIT))
                .stream().map(AuditEventEntity::toRecord).toList();
    }

    /** The newest events of one tenant. Platform admins only (tenants' own trail comes with its own check). */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public List<AuditEvent> latestOf(String tenantSlug, int limit) {
        return events.findByTenantSlugOrderByIdDesc(tenantSlug, PageRequest.of(0, limit))
                .stream().map(AuditEventEntity::toRecord).toList();
    }

    static String currentActor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || auth instanceof AnonymousAuthenticationToken ? "system" : auth.getName();
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : "%" + text.strip().toLowerCase() + "%";
    }
}

package dev.nonstop.metrics;

import dev.nonstop.audit.AuditLog;
import dev.nonstop.common.UserError;
import dev.nonstop.metrics.internal.AlertHooks;
import dev.nonstop.metrics.internal.AlertNotifier;
import dev.nonstop.metrics.internal.HookAddress;
import dev.nonstop.security.Caller;
import dev.nonstop.tenant.TenantInfo;
import dev.nonstop.tenant.TenantService;
import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The caller's tenant's alert webhook: a Slack-compatible incoming-webhook address its alerts are also
 * posted to. Anyone in the tenant sees whether one is set and how the last delivery went; only an owner
 * sets, tests or removes it. The address is a credential: it is sealed at rest, never shown again after
 * entry (a hint instead) and never written to the audit trail or the log.
 */
@Service
public class AlertHookService {

    private final AlertHooks hooks;
    private final HookAddress address;
    private final AlertNotifier notifier;
    private final TenantService tenants;
    private final Caller caller;
    private final AuditLog audit;
    private final Clock clock;

    AlertHookService(AlertHooks hooks, HookAddress address, AlertNotifier notifier, TenantService tenants,
                     Caller caller, AuditLog audit, Clock clock) {
        this.hooks = hooks;
        this.address = address;
        this.notifier = notifier;
        this.tenants = tenants;
        this.caller = caller;
        this.audit = audit;
        this.clock = clock;
    }

    public Optional<AlertHook> hook() {
        caller.require();
        return hooks.find(tenants.current().id());
    }

    /**
     * Sets the address (owners only) after checking it as Git URLs are checked; messages are written in
     * {@code language}. Returns the hint to show from now on.
     */
    @Transactional
    public AlertHook set(String url, Locale language) {
        var owner = caller.requireOwner();
        URI uri = address.accept(url);
        TenantInfo tenant = tenants.current();
        hooks.save(tenant.id(), uri, language, owner.email().value(), clock.instant());
        AlertHook hook = hooks.find(tenant.id()).orElseThrow();
        audit.record(tenant.slug().value(), "alert.hook.set", owner.email() + " set the alert webhook to "
                + hook.hint());
        return hook;
    }

    /** Posts a test message now (owners only); the hook with how the delivery went. */
    public AlertHook test() {
        caller.requireOwner();
        long tenant = tenants.current().id();
        if (hooks.find(tenant).isEmpty()) {
            throw new UserError("alert.hook.none");
        }
        notifier.test(tenant);
        return hooks.find(tenant).orElseThrow();
    }

    @Transactional
    public void remove() {
        var owner = caller.requireOwner();
        TenantInfo tenant = tenants.current();
        if (hooks.delete(tenant.id())) {
            audit.record(tenant.slug().value(), "alert.hook.removed", owner.email() + " removed the alert webhook");
        }
    }
}

package dev.nonstop.app;

import dev.nonstop.app.internal.DrillEntity;
import dev.nonstop.app.internal.DrillRepository;
import dev.nonstop.app.internal.DrillWatcher;
import dev.nonstop.audit.AuditLog;
import dev.nonstop.common.UserError;
import dev.nonstop.kube.Applier;
import dev.nonstop.kube.InformerRegistry;
import dev.nonstop.kube.KubeLabels;
import dev.nonstop.kube.NodeFaults;
import dev.nonstop.security.Caller;
import dev.nonstop.tenant.TenantService;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * "Test failover": takes one ready pod of a running app away — and, for a platform admin, when asked,
 * that pod's node as well (recovered once the app is back to full strength; a node holds other tenants'
 * replicas, so tenants only ever take their own replicas away) — and records the timeline:
 * when capacity dropped, when a replacement was Ready, the fewest ready replicas seen meanwhile.
 */
@Service
public class FailoverService {

    private final AppService apps;
    private final TenantService tenants;
    private final Caller caller;
    private final InformerRegistry informers;
    private final DrillRepository drills;
    private final DrillWatcher watcher;
    private final ObjectProvider<NodeFaults> nodeFaults;
    private final Applier applier;
    private final AuditLog audit;
    private final Clock clock;
    private final org.springframework.transaction.support.TransactionTemplate tx;

    FailoverService(AppService apps, TenantService tenants, Caller caller, InformerRegistry informers,
                    DrillRepository drills, DrillWatcher watcher, ObjectProvider<NodeFaults> nodeFaults,
                    Applier applier, AuditLog audit, Clock clock,
                    org.springframework.transaction.support.TransactionTemplate tx) {
        this.apps = apps;
        this.tenants = tenants;
        this.caller = caller;
        this.informers = informers;
        this.drills = drills;
        this.watcher = watcher;
        this.nodeFaults = nodeFaults;
        this.applier = applier;
        this.audit = audit;
        this.clock = clock;
        this.tx = tx;
    }

    /**
     * Starts a drill. Its row is committed before anything is taken away, so the watcher records the
     * whole timeline from the first event on.
     */
    public FailoverDrill drill(long appId, boolean failNode) {
        var user = caller.require();
        AppStatus status = apps.status(appId);
        String ns = tenants.current().slug().namespace();
        if (watcher.running(ns, status.name())) {
            throw new UserError("app.drill.running");
        }
        if (status.state() != AppStatus.State.RUNNING || status.ready() < 2) {
            throw new UserError("app.drill.not-running", status.ready(), status.desired());
        }
        NodeFaults faults = faults();
        if (failNode && faults == null) {
            throw new UserError("app.drill.no-node-faults");
        }
        if (failNode && !user.admin()) {
            // a node holds other tenants' pods too (in the sandbox as well): only platform admins take one away
            throw new dev.nonstop.common.AccessDenied();
        }
        Pod pod = informers.managed(Pod.class).inNamespace(ns).stream()
                .filter(p -> p.getMetadata().getLabels() != null
                        && status.name().equals(p.getMetadata().getLabels().get(KubeLabels.INSTANCE)))
                .filter(AppHealth::isReady).findFirst()
                .orElseThrow(() -> new UserError("app.drill.not-running", status.ready(), status.desired()));
        String node = String.valueOf(pod.getSpec().getNodeName());
        String slug = tenants.current().slug().value();
        FailoverDrill drill = tx.execute(s -> {
            DrillEntity saved = drills.saveAndFlush(new DrillEntity(appId, pod.getMetadata().getName(), node,
                    failNode, status.desired(), clock.instant(), user.email().value()));
            audit.record(slug, "app.failover-drill", user.email() + " took pod " + pod.getMetadata().getName()
                    + (failNode ? " and node " + node : "") + " away from " + status.name());
            return saved.toRecord();
        });
        watcher.follow(drill.id(), ns, status.name(), failNode ? node : "");
        if (failNode) {
            faults.failNode(node);
        }
        applier.delete(pod);
        return drill;
    }

    /** The app's drills, newest first. */
    @Transactional(readOnly = true)
    public List<FailoverDrill> drills(long appId) {
        apps.get(appId);
        return drills.findByAppIdOrderByIdDesc(appId).stream().map(DrillEntity::toRecord).toList();
    }

    /** Whether the caller's drills can also fail the pod's node: platform admins only (nodes are shared). */
    public boolean canFailNodes() {
        NodeFaults faults = faults();
        return faults != null && caller.require().admin();
    }

    private @org.jspecify.annotations.Nullable NodeFaults faults() {
        return nodeFaults.orderedStream().filter(NodeFaults::available).findFirst().orElse(null);
    }
}

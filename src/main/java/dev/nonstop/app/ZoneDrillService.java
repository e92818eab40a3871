package dev.nonstop.app;

import dev.nonstop.app.internal.AppEntity;
import dev.nonstop.app.internal.AppRepository;
import dev.nonstop.app.internal.DrillEntity;
import dev.nonstop.app.internal.DrillRepository;
import dev.nonstop.app.internal.DrillWatcher;
import dev.nonstop.app.internal.ZoneDrillEntity;
import dev.nonstop.app.internal.ZoneDrillRepository;
import dev.nonstop.audit.AuditLog;
import dev.nonstop.common.UserError;
import dev.nonstop.kube.InformerRegistry;
import dev.nonstop.kube.KubeLabels;
import dev.nonstop.kube.NodeFaults;
import dev.nonstop.security.Caller;
import dev.nonstop.security.CurrentUser;
import dev.nonstop.tenant.TenantDirectory;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Zone-loss drills, for platform admins only (a zone holds every tenant's replicas): every node of a
 * zone is taken away at once, each app that had replicas there gets a timeline (capacity dropped, full
 * strength again in the surviving zones, spread over zones again once the zone is back, where the tier
 * promises zones), and the admin gives the zone back when they choose. This is how the portal shows
 * that a lost data centre is not a lost service (the Kakao lesson).
 */
@Service
public class ZoneDrillService {

    static final String ZONE_LABEL = "topology.kubernetes.io/zone";

    private final Caller caller;
    private final InformerRegistry informers;
    private final ObjectProvider<NodeFaults> nodeFaults;
    private final ZoneDrillRepository zoneDrills;
    private final DrillRepository drills;
    private final AppRepository apps;
    private final TenantDirectory tenants;
    private final DrillWatcher watcher;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    ZoneDrillService(Caller caller, InformerRegistry informers, ObjectProvider<NodeFaults> nodeFaults,
                     ZoneDrillRepository zoneDrills, DrillRepository drills, AppRepository apps,
                     TenantDirectory tenants, DrillWatcher watcher, AuditLog audit, TransactionTemplate tx,
                     Clock clock) {
        this.caller = caller;
        this.informers = informers;
        this.nodeFaults = nodeFaults;
        this.zoneDrills = zoneDrills;
        this.drills = drills;
        this.apps = apps;
        this.tenants = tenants;
        this.watcher = watcher;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /** The cluster's zones, for the admin's choice. */
    public List<String> zones() {
        caller.requireAdmin();
        return informers.cluster(Node.class).all().stream().map(n -> n.getMetadata().getLabels() == null ? null
                : n.getMetadata().getLabels().get(ZONE_LABEL)).filter(Objects::nonNull).distinct().sorted().toList();
    }

    /**
     * Takes every node of {@code zone} away. Refused while another zone drill runs, for a zone the
     * cluster does not have, and when it would leave no zone at all.
     */
    public ZoneDrill start(String zone) {
        CurrentUser admin = caller.requireAdmin();
        NodeFaults faults = nodeFaults.orderedStream().filter(NodeFaults::available).findFirst()
                .orElseThrow(() -> new UserError("app.drill.no-node-faults"));
        List<String> zones = zones();
        if (!zones.contains(zone)) {
            throw new UserError("drill.zone.unknown", zone);
        }
        if (zones.size() < 2) {
            throw new UserError("drill.zone.only-one", zone);
        }
        if (!zoneDrills.findByRestoredAtIsNull().isEmpty()) {
            throw new UserError("drill.zone.running");
        }
        List<String> nodes = informers.cluster(Node.class).all().stream()
                .filter(n -> n.getMetadata().getLabels() != null && zone.equals(n.getMetadata().getLabels()
                        .get(ZONE_LABEL))).map(n -> n.getMetadata().getName()).sorted().toList();
        // the apps with a ready replica in the zone, with their desired count now
        Map<String, List<Pod>> byApp = informers.managed(Pod.class).all().stream()
                .filter(AppHealth::isReady).filter(p -> p.getMetadata().getLabels() != null
                        && p.getMetadata().getLabels().get(KubeLabels.INSTANCE) != null
                        && p.getMetadata().getLabels().get(KubeLabels.TENANT) != null)
                .collect(Collectors.groupingBy(p -> p.getMetadata().getNamespace() + "/"
                        + p.getMetadata().getLabels().get(KubeLabels.INSTANCE), LinkedHashMap::new,
                        Collectors.toList()));
        Set<String> inZone = Set.copyOf(nodes);
        record Hit(String namespace, String tenant, String app) {
        }
        List<Hit> hits = new ArrayList<>();
        byApp.forEach((key, pods) -> {
            if (pods.stream().anyMatch(p -> inZone.contains(p.getSpec().getNodeName()))) {
                Pod first = pods.getFirst();
                hits.add(new Hit(first.getMetadata().getNamespace(), first.getMetadata().getLabels()
                        .get(KubeLabels.TENANT), first.getMetadata().getLabels().get(KubeLabels.INSTANCE)));
            }
        });
        record Followed(long rowId, String namespace, String app) {
        }
        List<Followed> followed = new ArrayList<>();
        ZoneDrillEntity drill = Objects.requireNonNull(tx.execute(status -> {
            ZoneDrillEntity saved = zoneDrills.saveAndFlush(new ZoneDrillEntity(zone, admin.email().value(),
                    clock.instant()));
            for (Hit hit : hits) {
                tenants.idOf(hit.tenant()).flatMap(id -> apps.findByTenantIdAndName(id, hit.app())).ifPresent(app -> {
                    App record = app.toRecord();
                    boolean promised = tenants.info(record.tenantId()).tier().limits().zonesPromised();
                    DrillEntity row = drills.saveAndFlush(DrillEntity.inZoneDrill(saved.id(), app.id(), zone,
                            record.stopped() ? 0 : record.replicas(), promised, clock.instant(),
                            admin.email().value()));
                    followed.add(new Followed(row.id(), hit.namespace(), hit.app()));
                });
            }
            audit.record(null, "drill.zone.started", admin.email() + " took zone " + zone + " away (" + nodes.size()
                    + " nodes, " + followed.size() + " apps with replicas there)");
            return saved;
        }));
        followed.forEach(f -> watcher.followZone(f.rowId(), drill.id(), f.namespace(), f.app()));
        nodes.forEach(faults::failNode);
        return get(drill.id());
    }

    /** Gives the zone of a running drill back; the drill's apps then spread over zones again. */
    public ZoneDrill restore(long drillId) {
        CurrentUser admin = caller.requireAdmin();
        ZoneDrillEntity drill = zoneDrills.findById(drillId).orElseThrow(() -> new UserError("drill.zone.not-found"));
        if (drill.restoredAt() != null) {
            return get(drillId);
        }
        NodeFaults faults = nodeFaults.orderedStream().filter(NodeFaults::available).findFirst()
                .orElseThrow(() -> new UserError("app.drill.no-node-faults"));
        informers.cluster(Node.class).all().stream()
                .filter(n -> n.getMetadata().getLabels() != null && drill.zone().equals(n.getMetadata().getLabels()
                        .get(ZONE_LABEL))).forEach(n -> faults.recoverNode(n.getMetadata().getName()));
        tx.executeWithoutResult(status -> {
            zoneDrills.findById(drillId).orElseThrow().restored(clock.instant());
            audit.record(null, "drill.zone.restored", admin.email() + " gave zone " + drill.zone() + " back");
        });
        watcher.zoneChanged(drillId);
        return get(drillId);
    }

    /** The latest zone drills, newest first, each with its apps' timelines. */
    @Transactional(readOnly = true)
    public List<ZoneDrill> recent() {
        caller.requireAdmin();
        return zoneDrills.findTop10ByOrderByIdDesc().stream().map(this::toRecord).toList();
    }

    @Transactional(readOnly = true)
    public ZoneDrill get(long drillId) {
        caller.requireAdmin();
        return toRecord(zoneDrills.findById(drillId).orElseThrow(() -> new UserError("drill.zone.not-found")));
    }

    /** Calls {@code listener} whenever a drill's timeline moves; run the result to stop. */
    public Runnable subscribe(Runnable listener) {
        caller.requireAdmin();
        return watcher.subscribe(listener);
    }

    private ZoneDrill toRecord(ZoneDrillEntity drill) {
        List<ZoneDrill.App> rows = drills.findByZoneDrillIdOrderByIdAsc(drill.id()).stream().map(row -> {
            FailoverDrill timeline = row.toRecord();
            @Nullable AppEntity app = apps.findById(timeline.appId()).orElse(null);
            String tenant = app == null ? "" : tenants.info(app.tenantId()).slug().value();
            return new ZoneDrill.App(tenant, app == null ? "" : app.toRecord().name(), timeline);
        }).toList();
        return new ZoneDrill(drill.id(), drill.zone(), drill.startedBy(), drill.startedAt(), drill.restoredAt(), rows);
    }
}

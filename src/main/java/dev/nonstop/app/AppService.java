package dev.nonstop.app;

import dev.nonstop.app.internal.AppEntity;
import dev.nonstop.app.internal.AppReconciler;
import dev.nonstop.app.internal.AppRepository;
import dev.nonstop.app.internal.ReleaseEntity;
import dev.nonstop.app.internal.ReleaseRepository;
import dev.nonstop.audit.AuditLog;
import dev.nonstop.build.Build;
import dev.nonstop.build.BuildService;
import dev.nonstop.build.BuildSource;
import dev.nonstop.build.BuildStatus;
import dev.nonstop.common.Message;
import dev.nonstop.common.NotFound;
import dev.nonstop.common.ReplicaSize;
import dev.nonstop.common.UserError;
import dev.nonstop.security.Caller;
import dev.nonstop.security.CurrentUser;
import dev.nonstop.tenant.TenantDirectory;
import dev.nonstop.tenant.TenantInfo;
import dev.nonstop.tenant.TenantService;
import dev.nonstop.tier.TierCode;
import dev.nonstop.tier.TierLimits;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Apps of the caller's tenant: deploy a succeeded build (every deploy is a release), scale within the
 * tier, stop and start, roll back to an earlier release, delete. Each change is checked against the
 * live quota first, audited, and applied by the reconciler after it is committed.
 */
@Service
public class AppService {

    private final AppRepository apps;
    private final ReleaseRepository releases;
    private final BuildService builds;
    private final TenantService tenants;
    private final Caller caller;
    private final AuditLog audit;
    private final AppReconciler reconciler;
    private final Clock clock;
    private final TenantDirectory directory;
    private final dev.nonstop.kube.InformerRegistry informers;
    private final dev.nonstop.app.internal.AppEvents events;
    private final AppSettings settings;
    private final dev.nonstop.app.internal.AppCards cards;
    private final dev.nonstop.app.internal.EnvSnapshot snapshots;

    AppService(AppRepository apps, ReleaseRepository releases, BuildService builds, TenantService tenants,
               Caller caller, AuditLog audit, AppReconciler reconciler, Clock clock, TenantDirectory directory,
               dev.nonstop.kube.InformerRegistry informers, dev.nonstop.app.internal.AppEvents events,
               AppSettings settings, dev.nonstop.app.internal.AppCards cards,
               dev.nonstop.app.internal.EnvSnapshot snapshots) {
        this.apps = apps;
        this.releases = releases;
        this.builds = builds;
        this.tenants = tenants;
        this.caller = caller;
        this.audit = audit;
        this.reconciler = reconciler;
        this.clock = clock;
        this.directory = directory;
        this.informers = informers;
        this.events = events;
        this.settings = settings;
        this.cards = cards;
        this.snapshots = snapshots;

    }

    /** Deploys a succeeded build of one of the tenant's apps (creating the app on its first deploy). */
    @Transactional
    public App deploy(long buildId) {
        CurrentUser user = caller.require();
        Build build = builds.get(buildId);
        if (build.status() != BuildStatus.SUCCEEDED || build.imageDigest() == null) {
            throw new UserError("app.deploy.not-succeeded", build.number());
        }
        BuildSource source = builds.sources().stream().filter(s -> s.id() == build.sourceId()).findFirst()
                .orElseThrow(() -> new NotFound("build.source.not-found"));
        AppEntity app = deployed(tenants.current(), source, build, user.email().value());
        audit.record(tenants.current().slug().value(), "app.deployed", user.email() + " deployed " + source.name()
                + " build #" + build.number() + " (" + build.shortCommit() + ") as release "
                + currentRelease(app).number());
        return applyAfterCommit(app);
    }

    /**
     * Runs a succeeded build: the app is made on its first deploy (within the tier's number of apps),
     * the quota must hold the rollout, and a release is cut.
     */
    private AppEntity deployed(TenantInfo tenant, BuildSource source, Build build, String by) {
        TierLimits limits = tenant.tier().limits();
        AppEntity app = apps.findBySourceId(source.id()).orElse(null);
        App before = app == null ? null : app.toRecord();
        if (app == null) {
            long existing = apps.countByTenantId(tenant.id());
            if (existing >= limits.maxApps()) {
                throw new UserError("app.limit.apps", Message.of("tier.name." + tenant.tier().code()),
                        limits.maxApps(), existing);
            }
        }
        int replicas = before == null ? limits.minReplicas() : before.replicas();
        ReplicaSize size = before == null ? ReplicaSize.S : before.size();
        check(tenant, before == null || before.stopped() ? 0 : before.replicas(), size, replicas, size,
                before == null ? java.util.Set.of("services") : java.util.Set.of());
        if (app == null) {
            app = apps.save(new AppEntity(tenant.id(), source.id(), source.name(), replicas, size, clock.instant()));
        }
        // port and health path as detected, unless the app's configuration corrected them since
        Release current = currentRelease(app);
        cut(app, build.id(), repository(build.image()) + "@" + build.imageDigest(), build.commit(),
                current == null ? source.port() : current.port(),
                current == null ? source.healthPath() : current.healthPath(), size, by);
        app.stop(false);
        app.notice(null);
        return apps.save(app);
    }

    /**
     * A build deployed by itself once it succeeded: a push to the tracked branch (push-to-deploy, only
     * for an app that exists) or the first build of a new app ("Build and deploy"). No user is signed in;
     * the build's own tenant is the one checked. A refusal (the quota, the number of apps) leaves
     * everything as it was and says why: on the app's card, or on the build when there is no app yet.
     */
    @Transactional
    void autoDeploy(Build build) {
        if (build.imageDigest() == null) {
            return;
        }
        AppEntity app = apps.findBySourceId(build.sourceId()).orElse(null);
        if (app != null && app.tenantId() != build.tenantId()) {
            return;
        }
        if (app == null && !build.deployOnSuccess()) {
            return;
        }
        TenantInfo tenant = directory.info(build.tenantId());
        BuildSource source = builds.source(build.tenantId(), build.sourceId()).orElse(null);
        if (source == null) {
            return;
        }
        try {
            AppEntity deployed = deployed(tenant, source, build, build.requestedBy());
            audit.recordAs(build.trigger() == Build.Trigger.WEBHOOK ? "github" : build.requestedBy(),
                    tenant.slug().value(), "app.deployed", build.requestedBy() + " deployed " + source.name()
                            + " build #" + build.number() + " (" + build.shortCommit() + ") as release "
                            + currentRelease(deployed).number() + " (deployed when the build succeeded)");
            applyAfterCommit(deployed);
        } catch (UserError refused) {
            Message why = Message.of("app.notice.not-deployed", build.number(), build.shortCommit(), refused.message());
            if (app != null) {
                app.notice(why);
                apps.save(app);
            } else {
                builds.notDeployed(build.id(), why);
            }
        }
    }

    /** Sets the number of replicas, within the tier's bounds and the live quota. */
    @Transactional
    public App scale(long appId, int replicas) {
        CurrentUser user = caller.require();
        AppEntity app = own(user, appId);
        TenantInfo tenant = tenants.current();
        TierLimits limits = tenant.tier().limits();
        if (replicas < limits.minReplicas() || replicas > limits.maxReplicas()) {
            throw new UserError("app.scale.out-of-tier", limits.minReplicas(), limits.maxReplicas());
        }
        App before = app.toRecord();
        check(tenant, before.stopped() ? 0 : before.replicas(), before.size(), replicas, before.size());
        app.scale(replicas);
        audit.record(tenant.slug().value(), "app.scaled", user.email() + " scaled " + before.name() + " from "
                + before.replicas() + " to " + replicas);
        return applyAfterCommit(app);
    }

    /** Stops an app (its Deployment goes to 0 replicas; everything else stays) or starts it again. */
    @Transactional
    public App setStopped(long appId, boolean stop) {
        CurrentUser user = caller.require();
        AppEntity app = own(user, appId);
        TenantInfo tenant = tenants.current();
        App before = app.toRecord();
        if (!stop && before.stopped()) {
            long running = apps.countByTenantIdAndStoppedFalse(tenant.id());
            if (running >= tenant.tier().limits().maxApps()) {
                throw new UserError("app.limit.running", Message.of("tier.name." + tenant.tier().code()),
                        tenant.tier().limits().maxApps());
            }
            check(tenant, 0, before.size(), before.replicas(), before.size());
        }
        app.stop(stop);
        audit.record(tenant.slug().value(), stop ? "app.stopped" : "app.started", user.email() + (stop
                ? " stopped " : " started ") + before.name());
        return applyAfterCommit(app);
    }

    /** The release the app runs now, or null before its first deploy. */
    @org.jspecify.annotations.Nullable Release currentRelease(AppEntity app) {
        Long id = app.toRecord().currentReleaseId();
        return id == null ? null : releases.findById(id).map(ReleaseEntity::toRecord).orElse(null);
    }

    /**
     * A configuration change is a release too: same image, the new configuration. Returns its id.
     * For {@link AppConfigService}.
     */
    long releaseConfiguration(AppEntity app, String by) {
        Release current = currentRelease(app);
        return current == null ? -1 : releaseConfiguration(app, by, current.port(), current.healthPath());
    }

    /** A configuration release that also sets the port the app listens on and its health path. */
    long releaseConfiguration(AppEntity app, String by, int port, String healthPath) {
        App record = app.toRecord();
        Release current = currentRelease(app);
        if (current == null) {
            return -1;
        }
        return cut(app, current.buildId(), current.image(), current.commit(), port, healthPath, record.size(), by).id();
    }

    /** Runs an earlier release of the app again, with the configuration it ran with. */
    @Transactional
    public App rollBackTo(long appId, long releaseId) {
        CurrentUser user = caller.require();
        AppEntity app = own(user, appId);
        ReleaseEntity target = releases.findById(releaseId).filter(r -> r.toRecord().appId() == appId)
                .orElseThrow(() -> new UserError("app.release.not-found"));
        // its size comes back too, within what the tier allows now (a downgrade may have come between)
        TenantInfo tenant = tenants.current();
        App before = app.toRecord();
        ReplicaSize largest = tenant.tier().limits().largestSize();
        ReplicaSize size = target.toRecord().size().ordinal() > largest.ordinal() ? largest : target.toRecord().size();
        check(tenant, before.stopped() ? 0 : before.replicas(), before.size(), before.replicas(), size);
        if (target.envSnapshot() != null) {
            // the configuration that release ran with comes back with it
            snapshots.restore(appId, target.envSnapshot());
        }
        app.resize(size);
        Release again = cut(app, target.toRecord().buildId(), target.toRecord().image(), target.toRecord().commit(),
                target.toRecord().port(), target.toRecord().healthPath(), size, user.email().value());
        app.notice(null);
        audit.record(tenant.slug().value(), "app.rolled-back", user.email() + " rolled "
                + before.name() + " back to release " + target.toRecord().number() + " (as release "
                + again.number() + ")");
        return applyAfterCommit(app);
    }

    /** Deletes an app and every object of it; the caller types the app's name to confirm. */
    @Transactional
    public void delete(long appId, String typedName) {
        CurrentUser user = caller.require();
        AppEntity app = own(user, appId);
        String name = app.toRecord().name();
        if (typedName == null || !typedName.strip().equals(name)) {
            throw new UserError("app.delete.name-mismatch", name);
        }
        var objects = reconciler.desired(appId).orElse(List.of());
        long sourceId = app.toRecord().sourceId();
        apps.delete(app);
        // the app leaves every list; its builds stay in the history under its name
        builds.retireSource(sourceId);
        // the objects go once the row is gone for good, so that no drift check puts them back meanwhile
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                reconciler.remove(objects);
            }
        });
        audit.record(tenants.current().slug().value(), "app.deleted", user.email() + " deleted " + name + " ("
                + objects.size() + " objects)");
    }

    /** The cards of the tenant's apps, from the informer caches. */
    @Transactional(readOnly = true)
    public List<AppStatus> statuses() {
        CurrentUser user = caller.require();
        TenantInfo tenant = tenants.current();
        return apps.findByTenantIdOrderByNameAsc(user.tenantId()).stream().map(a -> status(tenant, a.toRecord()))
                .toList();
    }

    /** One app's card. */
    @Transactional(readOnly = true)
    public AppStatus status(long appId) {
        AppEntity app = own(caller.require(), appId);
        return status(tenants.current(), app.toRecord());
    }

    AppStatus status(TenantInfo tenant, App app) {
        return cards.compute(tenant, app);
    }

    /**
     * Calls {@code listener} with an app's fresh card whenever the cluster changes something of it;
     * the card is computed once and shared by every open screen of the tenant. Run the result to stop.
     */
    public Runnable subscribeCards(java.util.function.Consumer<AppStatus> listener) {
        caller.require();
        return cards.subscribe(tenants.current().slug().namespace(), listener);
    }

    /** Calls {@code listener} with an app's id whenever the cluster changes something of it; run the result to stop. */
    public Runnable subscribe(java.util.function.LongConsumer listener) {
        CurrentUser user = caller.require();
        TenantInfo tenant = tenants.current();
        return events.subscribe(tenant.slug().namespace(), name -> apps.findByTenantIdAndName(user.tenantId(), name)
                .ifPresent(a -> listener.accept(a.id())));
    }

    @Transactional(readOnly = true)
    public List<App> apps() {
        return apps.findByTenantIdOrderByNameAsc(caller.require().tenantId()).stream().map(AppEntity::toRecord)
                .toList();
    }

    @Transactional(readOnly = true)
    public App get(long appId) {
        return own(caller.require(), appId).toRecord();
    }

    /** The app's releases, newest first, with the one running now marked and what each commit says. */
    @Transactional(readOnly = true)
    public List<ReleaseView> history(long appId) {
        AppEntity app = own(caller.require(), appId);
        Long live = app.toRecord().currentReleaseId();
        java.util.Map<Long, Build> seen = new java.util.HashMap<>();
        return releases.findByAppIdOrderByIdDesc(appId).stream().map(ReleaseEntity::toRecord).map(r -> {
            Build build = r.buildId() == null ? null : seen.computeIfAbsent(r.buildId(), id -> {
                try {
                    return builds.get(id);
                } catch (UserError trimmed) {
                    return null; // only the latest builds of an app are kept
                }
            });
            return new ReleaseView(r, java.util.Objects.equals(r.id(), live), build == null ? null : build.commitMessage(),
                    build == null ? null : build.commitAuthor());
        }).toList();
    }

    @Transactional(readOnly = true)
    public List<Release> releases(long appId) {
        own(caller.require(), appId);
        return releases.findByAppIdOrderByIdDesc(appId).stream().map(ReleaseEntity::toRecord).toList();
    }

    void check(TenantInfo tenant, int currentReplicas, ReplicaSize currentSize, int newReplicas,
                       ReplicaSize newSize) {
        check(tenant, currentReplicas, currentSize, newReplicas, newSize, java.util.Set.of());
    }

    /** The quota pre-check; {@code newObjects} are objects the change adds that the quota counts. */
    void check(TenantInfo tenant, int currentReplicas, ReplicaSize currentSize, int newReplicas, ReplicaSize newSize,
               java.util.Set<String> newObjects) {
        QuotaCheck.Change change = new QuotaCheck.Change(currentReplicas, currentSize, newReplicas, newSize, newObjects);
        QuotaCheck.Result result = QuotaCheck.check(directory.usage(tenant.slug()), change);
        if (!result.fits()) {
            throw new QuotaRefused(result, change, tenant.tier().code() == TierCode.FREE);
        }
    }

    /**
     * Cuts a release: the one place a release is made (deploys, configuration changes, rollbacks,
     * deploys on success). Numbered within the app, with the app's configuration as it is now; the app
     * runs it from then on.
     */
    Release cut(AppEntity app, @org.jspecify.annotations.Nullable Long buildId, String image, String commit, int port,
                String healthPath, ReplicaSize size, String by) {
        Long previous = app.toRecord().currentReleaseId();
        if (previous != null) {
            // a release still rolling out when the next one comes is replaced, not "rolling out" for ever
            releases.findById(previous).filter(r -> r.toRecord().status() == Release.Status.ROLLING_OUT)
                    .ifPresent(r -> r.status(Release.Status.REPLACED));
        }
        ReleaseEntity release = new ReleaseEntity(app.id(), buildId, image, commit, port, healthPath,
                app.toRecord().replicas(), size, by, clock.instant());
        release.number(releases.lastNumber(app.id()) + 1);
        release.envSnapshot(snapshots.take(app.id()));
        release = releases.save(release);
        app.release(release.id());
        io.micrometer.core.instrument.Counter.builder("nonstop.releases").description("Releases cut (deploys, "
                + "configuration changes, rollbacks)").register(io.micrometer.core.instrument.Metrics.globalRegistry)
                .increment();
        return release.toRecord();
    }

    App applyAfterCommit(AppEntity app) {
        long id = app.id();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    reconciler.enqueue(id);
                }
            });
        } else {
            reconciler.enqueue(id);
        }
        return app.toRecord();
    }

    AppEntity own(CurrentUser user, long appId) {
        // another tenant's app gets the same answer as a missing one: ids reveal nothing
        return apps.findById(appId).filter(a -> a.tenantId() == user.tenantId())
                .orElseThrow(() -> new NotFound("app.not-found"));
    }

    /** "registry/acme/shop:b42" → "registry/acme/shop": the image is run by digest. */
    static String repository(String image) {
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        return colon > slash ? image.substring(0, colon) : image;
    }
}

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
            throw new UserError("app.deploy.not-succeeded", String.valueOf(buildId));
        }
        BuildSource source = builds.sources().stream().filter(s -> s.id() == build.sourceId()).findFirst()
                .orElseThrow(() -> new UserError("build.source.not-found"));
        TenantInfo tenant = tenants.current();
        TierLimits limits = tenant.tier().limits();
        AppEntity app = apps.findBySourceId(source.id()).orElse(null);
        App before = app == null ? null : app.toRecord();
        int replicas = before == null ? limits.minReplicas() : before.replicas();
        ReplicaSize size = before == null ? ReplicaSize.S : before.size();
        check(tenant, before == null || before.stopped() ? 0 : before.replicas(),
                before == null ? size : before.size(), replicas, size);
        if (app == null) {
            app = apps.save(new AppEntity(user.tenantId(), source.id(), source.name(), replicas, size,
                    clock.instant()));
        }
        String image = repository(build.image()) + "@" + build.imageDigest();
        // port and health path as detected, unless the app's configuration corrected them since
        Release current = currentRelease(app);
        ReleaseEntity release = new ReleaseEntity(app.id(), buildId, image, build.commit(),
                current == null ? source.port() : current.port(),
                current == null ? source.healthPath() : current.healthPath(), replicas, size, user.email().value(),
                clock.instant());
        release.envSnapshot(snapshots.take(app.id()));
        release = releases.save(release);
        app.release(release.id());
        app.stop(false);
        app.notice(null);
        audit.record(tenant.slug().value(), "app.deployed", user.email() + " deployed " + source.name()
                + " build " + buildId + " (" + build.shortCommit() + ") as release " + release.id());
        return applyAfterCommit(apps.save(app));
    }

    /**
     * Push-to-deploy: a build a verified webhook started has succeeded, so the app (if it exists) runs
     * it, with the port and health path of its current release. No user is signed in; the app's own
     * tenant is the one checked. A quota refusal leaves the app as it was, with a notice.
     */
    @Transactional
    void autoDeploy(Build build) {
        AppEntity app = apps.findBySourceId(build.sourceId()).orElse(null);
        if (app == null || app.tenantId() != build.tenantId() || build.imageDigest() == null) {
            return;
        }
        App before = app.toRecord();
        Release current = currentRelease(app);
        if (current == null) {
            return;
        }
        TenantInfo tenant = directory.info(build.tenantId());
        QuotaCheck.Result result = QuotaCheck.check(directory.usage(tenant.slug()), new QuotaCheck.Change(
                before.stopped() ? 0 : before.replicas(), before.size(), before.replicas(), before.size()));
        if (!result.fits()) {
            app.notice("Build " + build.id() + " (" + build.shortCommit() + ") was not deployed: the quota cannot "
                    + "hold the rollout. " + new QuotaRefused(result, false).args()[0]);
            return;
        }
        String image = repository(build.image()) + "@" + build.imageDigest();
        ReleaseEntity release = new ReleaseEntity(app.id(), build.id(), image, build.commit(),
                current.port(), current.healthPath(), before.replicas(), before.size(), build.requestedBy(),
                clock.instant());
        release.envSnapshot(snapshots.take(app.id()));
        release = releases.save(release);
        app.release(release.id());
        app.notice(null);
        audit.recordAs("github", tenant.slug().value(), "app.deployed", build.requestedBy() + " deployed "
                + before.name() + " build " + build.id() + " (" + build.shortCommit() + ") as release "
                + release.id() + " (push-to-deploy)");
        applyAfterCommit(apps.save(app));
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
        ReleaseEntity release = new ReleaseEntity(app.id(), current.buildId(), current.image(), current.commit(),
                port, healthPath, record.replicas(), record.size(), by, clock.instant());
        release.envSnapshot(snapshots.take(app.id()));
        release = releases.save(release);
        app.release(release.id());
        return release.id();
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
        ReleaseEntity again = new ReleaseEntity(appId, target.toRecord().buildId(),
                target.toRecord().image(), target.toRecord().commit(), target.toRecord().port(),
                target.toRecord().healthPath(), before.replicas(), size,
                user.email().value(), clock.instant());
        again.envSnapshot(snapshots.take(appId));
        again = releases.save(again);
        app.release(again.id());
        app.notice(null);
        audit.record(tenant.slug().value(), "app.rolled-back", user.email() + " rolled "
                + before.name() + " back to release " + releaseId + " (as " + again.id() + ")");
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
        apps.delete(app);
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

    @Transactional(readOnly = true)
    public List<Release> releases(long appId) {
        own(caller.require(), appId);
        return releases.findByAppIdOrderByIdDesc(appId).stream().map(ReleaseEntity::toRecord).toList();
    }

    void check(TenantInfo tenant, int currentReplicas, ReplicaSize currentSize, int newReplicas,
                       ReplicaSize newSize) {
        QuotaCheck.Result result = QuotaCheck.check(tenants.usage(tenant.id()),
                new QuotaCheck.Change(currentReplicas, currentSize, newReplicas, newSize));
        if (!result.fits()) {
            throw new QuotaRefused(result, tenant.tier().code() == TierCode.FREE);
        }
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

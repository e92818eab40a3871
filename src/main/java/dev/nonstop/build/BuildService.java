package dev.nonstop.build;

import dev.nonstop.audit.AuditLog;
import dev.nonstop.build.internal.BuildEntity;
import dev.nonstop.build.internal.BuildEvents;
import dev.nonstop.build.internal.BuildRepository;
import dev.nonstop.build.internal.BuildSourceEntity;
import dev.nonstop.build.internal.BuildSourceRepository;
import dev.nonstop.build.internal.BuildTracker;
import dev.nonstop.build.manifest.BuildPipelineRun;
import dev.nonstop.build.manifest.BuildRequest;
import dev.nonstop.build.tekton.PipelineRun;
import dev.nonstop.common.AccessDenied;
import dev.nonstop.common.AppName;
import dev.nonstop.common.UserError;
import dev.nonstop.kube.Applier;
import dev.nonstop.ratelimit.Limit;
import dev.nonstop.ratelimit.RateLimiter;
import dev.nonstop.security.Caller;
import dev.nonstop.security.CurrentUser;
import dev.nonstop.source.Detection;
import dev.nonstop.source.GitSource;
import dev.nonstop.source.RefResolver;
import dev.nonstop.source.ResolvedRef;
import dev.nonstop.source.SourceDetector;
import dev.nonstop.source.SourceFetcher;
import dev.nonstop.source.SourcePolicy;
import dev.nonstop.tenant.TenantInfo;
import dev.nonstop.tenant.TenantService;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * From a repository URL to images: inspect a repository (policy, commit, detection), save what an
 * app is built from, start builds (one PipelineRun each, in the build namespace), follow, cancel and
 * read them. Every method works on the caller's tenant only.
 */
@Service
public class BuildService {

    private static final EnumSet<BuildStatus> ACTIVE = EnumSet.of(BuildStatus.QUEUED, BuildStatus.CLONING,
            BuildStatus.BUILDING, BuildStatus.PUSHING);

    private final SourcePolicy policy;
    private final RefResolver resolver;
    private final SourceFetcher fetcher;
    private final BuildSourceRepository sources;
    private final BuildRepository builds;
    private final TenantService tenants;
    private final Caller caller;
    private final Applier applier;
    private final KubernetesClient client;
    private final BuildSettings settings;
    private final RateLimiter limiter;
    private final AuditLog audit;
    private final BuildEvents events;
    private final BuildTracker tracker;
    private final Clock clock;
    private final TransactionTemplate tx;

    BuildService(SourcePolicy policy, RefResolver resolver, SourceFetcher fetcher, BuildSourceRepository sources,
                 BuildRepository builds, TenantService tenants, Caller caller, Applier applier,
                 KubernetesClient client, BuildSettings settings, RateLimiter limiter, AuditLog audit,
                 BuildEvents events, BuildTracker tracker, Clock clock, TransactionTemplate tx) {
        this.policy = policy;
        this.resolver = resolver;
        this.fetcher = fetcher;
        this.sources = sources;
        this.builds = builds;
        this.tenants = tenants;
        this.caller = caller;
        this.applier = applier;
        this.client = client;
        this.settings = settings;
        this.limiter = limiter;
        this.audit = audit;
        this.events = events;
        this.tracker = tracker;
        this.clock = clock;
        this.tx = tx;
    }

    /**
     * Looks at a repository before anything is saved: checks the URL, resolves the ref to a commit,
     * fetches that commit (bounded) and detects how to build it. Nothing of the user's code runs.
     */
    public Inspection inspect(String url, @Nullable String ref) {
        CurrentUser user = caller.require();
        GitSource source = policy.accept(url, ref);
        ResolvedRef resolved = resolver.resolve(source, null);
        Detection detection = SourceDetector.detect(fetcher.fetch(resolved, null));
        return new Inspection(resolved, detection, freeName(user.tenantId(), AppName.suggest(source.name())));
    }

    private String freeName(long tenantId, String suggestion) {
        String base = suggestion.isEmpty() ? "app" : suggestion;
        String name = base;
        for (int i = 2; sources.findByTenantIdAndName(tenantId, name).isPresent() && i < 100; i++) {
            String suffix = "-" + i;
            name = (base.length() + suffix.length() > AppName.MAX_LENGTH
                    ? base.substring(0, AppName.MAX_LENGTH - suffix.length()) : base) + suffix;
        }
        return name;
    }

    /** Saves what an app is built from, with the detected settings as the user confirmed or corrected them. */
    @Transactional
    public BuildSource createSource(String rawName, String url, @Nullable String ref, Detection detection) {
        CurrentUser user = caller.require();
        AppName name = AppName.parse(rawName);
        GitSource source = policy.parse(url, ref);
        if (!detection.buildable()) {
            throw new UserError("build.cause.nothing-to-build");
        }
        if (sources.findByTenantIdAndName(user.tenantId(), name.value()).isPresent()) {
            throw new UserError("build.source.name-taken", name.value());
        }
        BuildSourceEntity saved = sources.save(new BuildSourceEntity(user.tenantId(), name.value(),
                source.display(), source.ref(), detection, user.email().value(), clock.instant()));
        audit.record(tenantSlug(user), "build.source.created", user.email() + " set up " + name + " from "
                + source.display() + (source.ref() == null ? "" : " @ " + source.ref()));
        return saved.toRecord();
    }

    @Transactional(readOnly = true)
    public List<BuildSource> sources() {
        CurrentUser user = caller.require();
        return sources.findByTenantIdOrderByNameAsc(user.tenantId()).stream().map(BuildSourceEntity::toRecord)
                .toList();
    }

    /**
     * Starts a build of the source's tracked ref as it is now. Refused with the time of the next
     * allowed build when the tier's daily builds are used up, or while the tier's concurrent builds run.
     * The build's row is committed before its PipelineRun exists, so the tracker always finds it.
     */
    public Build start(long sourceId) {
        CurrentUser user = caller.require();
        BuildSource source = tx.execute(status -> ownSource(user, sourceId).toRecord());
        TenantInfo tenant = tenants.current();
        var limits = tenant.tier().limits();
        if (builds.countByTenantIdAndStatusIn(user.tenantId(), ACTIVE) >= limits.concurrentBuilds()) {
            throw new UserError("build.limit.concurrent", limits.concurrentBuilds());
        }
        // the commit first: a repository that cannot be read does not use up a build of the day
        ResolvedRef resolved = resolver.resolve(policy.accept(source.repoUrl(), source.trackedRef()), null);
        Limit daily = new Limit("builds-day-" + limits.buildsPerDay(), limits.buildsPerDay(), Duration.ofDays(1));
        Optional<Instant> blocked = limiter.tryConsume(daily, "tenant-" + user.tenantId());
        if (blocked.isPresent()) {
            throw new UserError("build.limit.daily", limits.buildsPerDay(), blocked.get().toString());
        }
        Build queued = tx.execute(status -> {
            BuildEntity build = builds.save(new BuildEntity(user.tenantId(), sourceId, user.email().value(),
                    Build.Trigger.MANUAL, source.repoUrl(), resolved.shortName(), resolved.commit(), clock.instant()));
            build.setImage(settings.registry() + "/" + tenant.slug().value() + "/" + source.name() + ":b"
                    + build.id());
            audit.record(tenant.slug().value(), "build.started", user.email() + " built " + source.name() + " at "
                    + resolved.shortName() + " (" + resolved.commit() + ")");
            trimHistory(sourceId);
            return builds.save(build).toRecord(source.name());
        });
        BuildRequest request = new BuildRequest(tenant.slug(), source.name(), queued.id(), source.repoUrl(),
                resolved.commit(), queued.image(), source.contextDir(), source.dockerfile(),
                !source.kind().usesDockerfile(), null, settings.timeout());
        try {
            applier.apply(BuildPipelineRun.of(request, settings.namespace()));
        } catch (RuntimeException clusterDown) {
            tracker.failToStart(queued.id(), String.valueOf(clusterDown.getMessage()));
            throw new UserError("build.cluster-unavailable", clusterDown.getMessage());
        }
        return queued;
    }

    /** Asks the cluster to stop a running build; it ends as Cancelled (the tracker records it). */
    public Build cancel(long buildId) {
        CurrentUser user = caller.require();
        Build build = get(buildId);
        if (!build.status().finished()) {
            client.resources(PipelineRun.class).inNamespace(settings.namespace()).withName("build-" + buildId)
                    .edit(run -> {
                        run.getSpec().status = "Cancelled";
                        return run;
                    });
            tx.executeWithoutResult(status -> audit.record(tenantSlug(user), "build.cancelled",
                    user.email() + " cancelled build " + buildId));
        }
        return get(buildId);
    }

    @Transactional(readOnly = true)
    public Build get(long buildId) {
        CurrentUser user = caller.require();
        BuildEntity build = ownBuild(user, buildId);
        return build.toRecord(appName(build.sourceId()));
    }

    /** The caller's tenant's latest builds, newest first. */
    @Transactional(readOnly = true)
    public List<Build> recent(int limit) {
        CurrentUser user = caller.require();
        return builds.findByTenantIdOrderByIdDesc(user.tenantId(), PageRequest.of(0, Math.min(100, Math.max(1,
                limit)))).stream().map(b -> b.toRecord(appName(b.sourceId()))).toList();
    }

    /** A build's log: as its steps write it while it runs, the kept (bounded) copy once it ended. */
    @Transactional(readOnly = true)
    public String log(long buildId) {
        CurrentUser user = caller.require();
        BuildEntity build = ownBuild(user, buildId);
        if (!build.status().finished()) {
            return tracker.liveLog(buildId);
        }
        return build.log() == null ? "" : build.log();
    }

    /** Calls {@code listener} whenever a build of the caller's tenant moves; run the result to stop. */
    public Runnable subscribe(Consumer<Build> listener) {
        return events.subscribe(caller.require().tenantId(), listener);
    }

    private void trimHistory(long sourceId) {
        List<BuildEntity> all = builds.findBySourceIdOrderByIdDesc(sourceId);
        all.stream().skip(settings.keepPerApp()).filter(b -> b.status().finished()).forEach(builds::delete);
    }

    private BuildSourceEntity ownSource(CurrentUser user, long sourceId) {
        BuildSourceEntity source = sources.findById(sourceId).orElseThrow(() -> new UserError("build.source.not-found"));
        if (source.tenantId() != user.tenantId()) {
            throw new AccessDenied();
        }
        return source;
    }

    private BuildEntity ownBuild(CurrentUser user, long buildId) {
        BuildEntity build = builds.findById(buildId).orElseThrow(() -> new UserError("build.not-found"));
        if (build.tenantId() != user.tenantId()) {
            throw new AccessDenied();
        }
        return build;
    }

    private String appName(long sourceId) {
        return sources.findById(sourceId).map(s -> s.toRecord().name()).orElse("");
    }

    private String tenantSlug(CurrentUser user) {
        return tenants.current().slug().value();
    }
}

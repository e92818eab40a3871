package dev.nonstop.build;

import dev.nonstop.audit.AuditLog;
import dev.nonstop.build.internal.BuildEntity;
import dev.nonstop.build.internal.BuildEvents;
import dev.nonstop.build.internal.CommitDescriber;
import dev.nonstop.build.internal.BuildRepository;
import dev.nonstop.build.internal.BuildSourceEntity;
import dev.nonstop.build.internal.BuildSourceRepository;
import dev.nonstop.build.internal.BuildTracker;
import dev.nonstop.build.internal.SourceTokenEntity;
import dev.nonstop.build.internal.SourceTokenRepository;
import dev.nonstop.build.internal.WebhookKeys;
import dev.nonstop.build.manifest.GitCredentials;
import dev.nonstop.build.manifest.BuildPipelineRun;
import dev.nonstop.build.manifest.BuildRequest;
import dev.nonstop.build.tekton.PipelineRun;
import dev.nonstop.common.NotFound;
import dev.nonstop.common.AppName;
import dev.nonstop.common.Message;
import dev.nonstop.common.UserError;
import dev.nonstop.kube.Applier;
import dev.nonstop.ratelimit.Limit;
import dev.nonstop.ratelimit.RateLimiter;
import dev.nonstop.security.Caller;
import dev.nonstop.security.CurrentUser;
import dev.nonstop.security.Secrets;
import dev.nonstop.source.Detection;
import dev.nonstop.source.GitSource;
import dev.nonstop.source.CommitNote;
import dev.nonstop.source.RefResolver;
import dev.nonstop.source.ResolvedRef;
import dev.nonstop.source.SourceDetector;
import dev.nonstop.source.SourceFetcher;
import dev.nonstop.source.SourcePolicy;
import dev.nonstop.tenant.TenantDirectory;
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

    private static final java.time.format.DateTimeFormatter HH_MM = java.time.format.DateTimeFormatter
            .ofPattern("HH:mm 'UTC'").withZone(java.time.ZoneOffset.UTC);
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
    private final SourceTokenRepository tokens;
    private final Secrets secrets;
    private final TenantDirectory directory;
    private final SourceUsers users;
    private final CommitDescriber describer;

    BuildService(SourcePolicy policy, RefResolver resolver, SourceFetcher fetcher, BuildSourceRepository sources,
                 BuildRepository builds, TenantService tenants, Caller caller, Applier applier,
                 KubernetesClient client, BuildSettings settings, RateLimiter limiter, AuditLog audit,
                 BuildEvents events, BuildTracker tracker, Clock clock, TransactionTemplate tx,
                 SourceTokenRepository tokens, Secrets secrets, TenantDirectory directory, SourceUsers users,
                 CommitDescriber describer) {
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
        this.tokens = tokens;
        this.secrets = secrets;
        this.directory = directory;
        this.users = users;
        this.describer = describer;
        for (Build.Trigger trigger : Build.Trigger.values()) {
            started(trigger);
        }
    }

    /**
     * Looks at a repository before anything is saved: checks the URL, resolves the ref to a commit,
     * fetches that commit (bounded) and detects how to build it. Nothing of the user's code runs.
     */
    public Inspection inspect(String url, @Nullable String ref) {
        CurrentUser user = caller.require();
        GitSource source = policy.parse(url, ref);
        // fetching costs the portal time and bandwidth: the tier sets how often a tenant may
        int perHour = directory.info(user.tenantId()).tier().limits().inspectionsPerHour();
        Optional<Instant> blocked = limiter.tryConsume(new Limit("inspections-" + perHour, perHour,
                Duration.ofHours(1)), "tenant-" + user.tenantId());
        if (blocked.isPresent()) {
            throw new UserError("build.limit.inspections", perHour, HH_MM.format(blocked.get()));
        }
        source = policy.accept(url, ref);
        String token = token(user.tenantId()).orElse(null);
        ResolvedRef resolved = resolver.resolve(source, token);
        Detection detection = SourceDetector.detect(fetcher.fetch(resolved, token));
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
        var tier = directory.info(user.tenantId()).tier();
        long existing = sources.countByTenantIdAndDeletedAtIsNull(user.tenantId());
        if (existing >= tier.limits().maxApps()) {
            throw new UserError("app.limit.apps", Message.of("tier.name." + tier.code()), tier.limits().maxApps(),
                    existing);
        }
        BuildSourceEntity entity = new BuildSourceEntity(user.tenantId(), name.value(), source.display(), source.ref(),
                detection, user.email().value(), clock.instant());
        entity.setWebhookSecret(secrets.seal(newWebhookSecret()));
        entity.setWebhookKey(WebhookKeys.newKey());
        BuildSourceEntity saved = sources.save(entity);
        audit.record(tenantSlug(user), "build.source.created", user.email() + " set up " + name + " from "
                + source.display() + (source.ref() == null ? "" : " @ " + source.ref()));
        return saved.toRecord();
    }

    @Transactional(readOnly = true)
    public List<BuildSource> sources() {
        CurrentUser user = caller.require();
        return sources.findByTenantIdAndDeletedAtIsNullOrderByNameAsc(user.tenantId()).stream()
                .map(BuildSourceEntity::toRecord)
                .toList();
    }

    /**
     * Starts a build of the source's tracked ref as it is now. Refused with the time of the next
     * allowed build when the tier's daily builds are used up, or while the tier's concurrent builds run.
     */
    public Build start(long sourceId) {
        CurrentUser user = caller.require();
        BuildSource source = tx.execute(status -> ownSource(user, sourceId).toRecord());
        return launch(source, user.email().value(), Build.Trigger.MANUAL, null, null, false);
    }

    /**
     * Starts a build that deploys itself when it succeeds (the first build of a new app: "Build and
     * deploy"); if it cannot be deployed then, the build says why.
     */
    public Build startAndDeploy(long sourceId) {
        CurrentUser user = caller.require();
        BuildSource source = tx.execute(status -> ownSource(user, sourceId).toRecord());
        return launch(source, user.email().value(), Build.Trigger.MANUAL, null, null, true);
    }

    /**
     * The one way a build starts, for a user or a verified webhook: limits, the commit, the build's
     * row (committed before its PipelineRun exists, so the tracker always finds it), the repository
     * token as a Secret in the build namespace, then the PipelineRun.
     */
    Build launch(BuildSource source, String requestedBy, Build.Trigger trigger, @Nullable String commit,
                 @Nullable CommitNote note, boolean deployOnSuccess) {
        TenantInfo tenant = directory.info(source.tenantId());
        var limits = tenant.tier().limits();
        if (builds.countByTenantIdAndStatusIn(source.tenantId(), ACTIVE) >= limits.concurrentBuilds()) {
            throw new UserError("build.limit.concurrent", limits.concurrentBuilds());
        }
        String token = token(source.tenantId()).orElse(null);
        // the commit first: a repository that cannot be read does not use up a build of the day
        ResolvedRef resolved = commit != null
                ? new ResolvedRef(policy.parse(source.repoUrl(), commit), commit, trackedName(source), List.of())
                : resolver.resolve(policy.accept(source.repoUrl(), source.trackedRef()), token);
        Limit daily = new Limit("builds-day-" + limits.buildsPerDay(), limits.buildsPerDay(), Duration.ofDays(1));
        Optional<Instant> blocked = limiter.tryConsume(daily, "tenant-" + source.tenantId());
        if (blocked.isPresent()) {
            throw new UserError("build.limit.daily", limits.buildsPerDay(), blocked.get().toString());
        }
        Build queued = tx.execute(status -> {
            BuildEntity fresh = new BuildEntity(source.tenantId(), source.id(), requestedBy, trigger,
                    source.repoUrl(), resolved.shortName(), resolved.commit(), clock.instant());
            // numbered within the app; launches of one app are serialised by the tenant's build limits,
            // and the unique (source, number) key refuses a duplicate should two ever race
            fresh.number(builds.lastNumber(source.id()) + 1);
            fresh.deployOnSuccess(deployOnSuccess);
            BuildEntity build = builds.saveAndFlush(fresh);
            build.setImage(settings.registry() + "/" + tenant.slug().value() + "/" + source.name() + ":b"
                    + build.id());
            audit.recordAs(requestedBy, tenant.slug().value(), "build.started", requestedBy + " started build #"
                    + build.number() + " of " + source.name() + " at " + resolved.shortName() + " ("
                    + resolved.commit() + ")");
            trimHistory(source.id());
            return builds.save(build).toRecord(source.name());
        });
        String gitSecret = token == null ? null : "git-build-" + queued.id();
        BuildRequest request = new BuildRequest(tenant.slug(), source.name(), queued.id(), source.repoUrl(),
                resolved.commit(), queued.image(), source.contextDir(), source.dockerfile(),
                !source.kind().usesDockerfile(), gitSecret, settings.timeout());
        try {
            if (gitSecret != null) {
                applier.apply(GitCredentials.of(request, settings.namespace(), token));
            }
            PipelineRun run = applier.apply(BuildPipelineRun.of(request, settings.namespace(), settings.nodePool()));
            if (gitSecret != null) {
                applier.apply(GitCredentials.ownedBy(GitCredentials.of(request, settings.namespace(), token), run));
            }
        } catch (RuntimeException clusterDown) {
            tracker.failToStart(queued.id(), String.valueOf(clusterDown.getMessage()));
            throw new UserError("build.cluster-unavailable", clusterDown.getMessage());
        }
        started(trigger).increment();
        if (note != null) {
            describer.record(queued.id(), note);
        } else {
            describer.describeLater(queued.id(), resolved, token);
        }
        return queued;
    }

    /** Builds started, by trigger, on the portal's own metrics (/actuator/prometheus). */
    private static io.micrometer.core.instrument.Counter started(Build.Trigger trigger) {
        return io.micrometer.core.instrument.Counter.builder("nonstop.builds.started")
                .description("Builds the portal started").tag("trigger", trigger.name().toLowerCase())
                .register(io.micrometer.core.instrument.Metrics.globalRegistry);
    }

    private static String trackedName(BuildSource source) {
        return source.trackedRef() == null ? "push" : source.trackedRef();
    }

    /** A tenant's live source, for work no user is signed in for (a build that deploys itself). */
    @Transactional(readOnly = true)
    public Optional<BuildSource> source(long tenantId, long sourceId) {
        return sources.findById(sourceId).filter(s -> s.tenantId() == tenantId && !s.deleted())
                .map(BuildSourceEntity::toRecord);
    }

    /** Notes on a build meant to deploy itself why it was not deployed (shown with the build). */
    @Transactional
    public void notDeployed(long buildId, Message why) {
        builds.findById(buildId).ifPresent(build -> {
            build.deployNotice(why);
            Build record = record(builds.saveAndFlush(build));
            // after commit, so that a screen reading the build again sees the note
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            events.changed(record);
                        }
                    });
        });
    }

    /**
     * The app of this source was deleted: the source leaves every list and its webhook stops; its
     * builds stay in the history under the app's name. The caller's own tenant only.
     */
    @Transactional
    public void retireSource(long sourceId) {
        CurrentUser user = caller.require();
        BuildSourceEntity source = ownSource(user, sourceId);
        source.retire(clock.instant());
    }

    /**
     * Removes an app that was set up but never deployed (its builds stay in the history); one that
     * runs is deleted from its own page instead. The caller types the name to confirm.
     */
    @Transactional
    public void removeSource(long sourceId, String typedName) {
        CurrentUser user = caller.require();
        BuildSourceEntity source = ownSource(user, sourceId);
        String name = source.toRecord().name();
        if (typedName == null || !typedName.strip().equals(name)) {
            throw new UserError("app.delete.name-mismatch", name);
        }
        if (users.inUse(sourceId)) {
            throw new UserError("build.source.deployed", name);
        }
        source.retire(clock.instant());
        audit.record(tenantSlug(user), "build.source.removed", user.email() + " removed " + name
                + " (never deployed)");
    }

    /** Saves the tenant's GitHub token for private repositories (owners only); it is never shown again. */
    @Transactional
    public String saveToken(String rawToken) {
        CurrentUser owner = caller.requireOwner();
        String token = rawToken == null ? "" : rawToken.strip();
        if (token.length() < 20 || token.length() > 255 || !token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new UserError("build.token.invalid");
        }
        String hint = token.substring(token.length() - 4);
        tokens.save(new SourceTokenEntity(owner.tenantId(), secrets.seal(token), hint, owner.email().value(),
                clock.instant()));
        audit.record(tenantSlug(owner), "build.token.saved", owner.email() + " saved a GitHub token ending in "
                + hint);
        return hint;
    }

    @Transactional
    public void removeToken() {
        CurrentUser owner = caller.requireOwner();
        tokens.deleteById(owner.tenantId());
        audit.record(tenantSlug(owner), "build.token.removed", owner.email() + " removed the GitHub token");
    }

    /** The last four characters of the tenant's token, if one is saved. */
    @Transactional(readOnly = true)
    public Optional<String> tokenHint() {
        return tokens.findById(caller.require().tenantId()).map(SourceTokenEntity::hint);
    }

    private Optional<String> token(long tenantId) {
        return tokens.findById(tenantId).map(t -> secrets.open(t.sealed()));
    }

    /** Where GitHub sends pushes for this app (an address nobody can guess), and the secret to paste next to it. */
    @Transactional
    public WebhookInfo webhook(long sourceId) {
        BuildSourceEntity source = ownSource(caller.require(), sourceId);
        String sealed = source.webhookSecret();
        return new WebhookInfo(webhookPath(source), sealed == null ? "" : secrets.open(sealed));
    }

    private static String webhookPath(BuildSourceEntity source) {
        if (source.webhookKey() == null) {
            source.setWebhookKey(WebhookKeys.newKey());
        }
        return WebhookKeys.PATH + source.webhookKey();
    }

    /** Makes a new webhook secret; the old one stops working at once. */
    @Transactional
    public WebhookInfo rotateWebhookSecret(long sourceId) {
        CurrentUser user = caller.require();
        BuildSourceEntity source = ownSource(user, sourceId);
        String secret = newWebhookSecret();
        source.setWebhookSecret(secrets.seal(secret));
        sources.save(source);
        audit.record(tenantSlug(user), "build.webhook.rotated", user.email() + " rotated the webhook secret of "
                + source.toRecord().name());
        return new WebhookInfo(webhookPath(source), secret);
    }

    private static String newWebhookSecret() {
        byte[] bytes = new byte[24];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Asks the cluster to stop a running build; it ends as Cancelled (the tracker records it). */
    public Build cancel(long buildId) {
        CurrentUser user = caller.require();
        Build build = get(buildId);
        if (!build.status().finished()) {
            // a merge patch, not read-modify-write: the run's status changes all the time while it runs
            client.resources(PipelineRun.class).inNamespace(settings.namespace()).withName("build-" + buildId)
                    .patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                            io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
                            "{\"spec\":{\"status\":\"Cancelled\"}}");
            tx.executeWithoutResult(status -> audit.record(tenantSlug(user), "build.cancelled",
                    user.email() + " cancelled build " + buildId));
        }
        return get(buildId);
    }

    @Transactional(readOnly = true)
    public Build get(long buildId) {
        CurrentUser user = caller.require();
        BuildEntity build = ownBuild(user, buildId);
        return record(build);
    }

    /** The caller's tenant's latest builds, newest first. */
    @Transactional(readOnly = true)
    public List<Build> recent(int limit) {
        CurrentUser user = caller.require();
        return builds.findByTenantIdOrderByIdDesc(user.tenantId(), PageRequest.of(0, Math.min(100, Math.max(1,
                limit)))).stream().map(this::record).toList();
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
        // another tenant's source gets the same answer as a missing one: ids reveal nothing
        return sources.findById(sourceId).filter(s -> s.tenantId() == user.tenantId() && !s.deleted())
                .orElseThrow(() -> new NotFound("build.source.not-found"));
    }

    private BuildEntity ownBuild(CurrentUser user, long buildId) {
        return builds.findById(buildId).filter(b -> b.tenantId() == user.tenantId())
                .orElseThrow(() -> new NotFound("build.not-found"));
    }

    private Build record(BuildEntity build) {
        return sources.findById(build.sourceId()).map(build::toRecord).orElseGet(() -> build.toRecord(""));
    }

    private String tenantSlug(CurrentUser user) {
        return tenants.current().slug().value();
    }
}

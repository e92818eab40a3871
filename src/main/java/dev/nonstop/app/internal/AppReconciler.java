package dev.nonstop.app.internal;

import dev.nonstop.app.AppSettings;
import dev.nonstop.app.Release;
import dev.nonstop.app.manifest.AppAutoscaler;
import dev.nonstop.app.manifest.AppDeployment;
import dev.nonstop.app.manifest.AppDisruptionBudget;
import dev.nonstop.app.manifest.AppIngress;
import dev.nonstop.app.manifest.AppSecret;
import dev.nonstop.app.manifest.AppService;
import dev.nonstop.app.manifest.AppSpec;
import dev.nonstop.common.AppName;
import dev.nonstop.kube.Applier;
import dev.nonstop.kube.ClusterChange;
import dev.nonstop.kube.InformerRegistry;
import dev.nonstop.kube.KubeLabels;
import dev.nonstop.tenant.TenantDirectory;
import dev.nonstop.tenant.TenantInfo;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps each app's objects as its row and current release say (server-side apply, idempotent, all
 * apps at start), puts back what drifts (a deleted Deployment, Service, PDB or Ingress; a replica
 * count or image edited by hand), and watches rollouts: a completed one makes its release the one to
 * fall back to; one past its progress deadline, or whose new pods keep crashing, is rolled back to the
 * last good release, with a notice saying why.
 */
@Component
public class AppReconciler implements AutoCloseable {

    static final int CRASH_RESTARTS = 3;
    private static final Logger log = LoggerFactory.getLogger(AppReconciler.class);
    private static final Set<Class<?>> KINDS = Set.of(Deployment.class, Service.class, PodDisruptionBudget.class,
            Ingress.class, Pod.class);

    private final AppRepository apps;
    private final ReleaseRepository releases;
    private final TenantDirectory tenants;
    private final Applier applier;
    private final InformerRegistry informers;
    private final AppSettings settings;
    private final TransactionTemplate tx;
    private final AppEvents events;
    private final AppEnvRepository env;
    private final dev.nonstop.security.Secrets secrets;
    private final dev.nonstop.kube.WorkQueue<Long> queue = new dev.nonstop.kube.WorkQueue<>("app-reconciler",
            this::reconcile, java.time.Duration.ofMillis(50), java.time.Duration.ofSeconds(10));
    private final dev.nonstop.common.KeyedWork<Check> checks = new dev.nonstop.common.KeyedWork<>(
            "app-rollout-checks", 1, this::check, e -> log.warn("Rollout check failed: {}", e.toString()));

    AppReconciler(AppRepository apps, ReleaseRepository releases, TenantDirectory tenants, Applier applier,
                  InformerRegistry informers, AppSettings settings, TransactionTemplate tx, AppEvents events,
                  AppEnvRepository env, dev.nonstop.security.Secrets secrets) {
        this.apps = apps;
        this.releases = releases;
        this.tenants = tenants;
        this.applier = applier;
        this.informers = informers;
        this.settings = settings;
        this.tx = tx;
        this.events = events;
        this.env = env;
        this.secrets = secrets;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        informers.managed(Deployment.class);
        informers.managed(Service.class);
        informers.managed(PodDisruptionBudget.class);
        informers.managed(Ingress.class);
        informers.managed(Pod.class);
        queue.every(java.time.Duration.ofMinutes(10), () -> apps.findAll().forEach(a -> enqueue(a.id())));
    }

    public void enqueue(long appId) {
        queue.enqueue(appId);
    }

    /** What the cluster should hold for an app, or empty when it has no release yet. */
    public Optional<List<HasMetadata>> desired(long appId) {
        return tx.execute(status -> apps.findById(appId).flatMap(app -> {
            var record = app.toRecord();
            if (record.currentReleaseId() == null) {
                return Optional.empty();
            }
            Release release = releases.findById(record.currentReleaseId()).orElseThrow().toRecord();
            TenantInfo tenant = tenants.info(record.tenantId());
            Map<String, String> plain = new java.util.TreeMap<>();
            Map<String, String> secret = new java.util.TreeMap<>();
            StringBuilder sealedSum = new StringBuilder();
            for (AppEnvEntity e : env.findByAppIdOrderByNameAsc(appId)) {
                if (e.secret()) {
                    secret.put(e.name(), secrets.open(e.valueText()));
                    sealedSum.append(e.name()).append('=').append(e.valueText()).append(';');
                } else {
                    plain.put(e.name(), e.valueText());
                }
            }
            int replicas = Math.max(AppSpec.MIN_REPLICAS, record.replicas());
            AppSpec.Autoscaling autoscaling = record.autoscaling() && !record.stopped()
                    ? new AppSpec.Autoscaling(replicas, Math.max(replicas, app.autoscaleMax()), 70) : null;
            AppSpec spec = new AppSpec(tenant.slug(), new AppName(record.name()), release.image(), release.port(),
                    release.healthPath(), replicas, record.size(), tenant.tier().limits().zonesPromised(), autoscaling,
                    plain, !secret.isEmpty(), String.valueOf(release.id()),
                    new AppSpec.Exposure(settings.baseDomain(), settings.ingressClass(), settings.tlsIssuer()));
            Deployment deployment = AppDeployment.of(spec);
            var annotations = deployment.getSpec().getTemplate().getMetadata().getAnnotations();
            if (!secret.isEmpty()) {
                // new secret values roll the pods: env from a Secret is read only at container start
                annotations.put("nonstop.dev/secrets", Integer.toHexString(sealedSum.toString().hashCode()));
            }
            if (app.restartedAt() != null) {
                annotations.put("nonstop.dev/restarted-at", app.restartedAt().toString());
            }
            if (record.stopped()) {
                deployment.getSpec().setReplicas(0);
            }
            List<HasMetadata> objects = new java.util.ArrayList<>();
            if (!secret.isEmpty()) {
                objects.add(AppSecret.of(spec, secret));
            }
            // the HPA first: it takes the replica count over before the Deployment stops setting it
            AppAutoscaler.of(spec).ifPresent(objects::add);
            objects.add(deployment);
            objects.add(AppService.of(spec));
            objects.add(AppDisruptionBudget.of(spec));
            objects.add(AppIngress.of(spec));
            return Optional.of(List.copyOf(objects));
        }));
    }

    public void reconcile(long appId) {
        RECONCILE.record(() -> desired(appId).ifPresent(objects -> {
            objects.forEach(applier::apply);
            prune(objects);
        }));
    }

    /** How long bringing one app to its desired state takes, on the portal's own metrics. */
    private static final io.micrometer.core.instrument.Timer RECONCILE = io.micrometer.core.instrument.Timer
            .builder("nonstop.reconcile").description("Time to bring one app or tenant to its desired state")
            .tag("kind", "app").publishPercentileHistogram()
            .register(io.micrometer.core.instrument.Metrics.globalRegistry);

    /** Removes the HPA or Secret of an app when autoscaling was turned off or its last secret removed. */
    private void prune(List<HasMetadata> objects) {
        Deployment deployment = (Deployment) objects.stream().filter(Deployment.class::isInstance).findFirst()
                .orElseThrow();
        String ns = deployment.getMetadata().getNamespace();
        String name = deployment.getMetadata().getName();
        if (objects.stream().noneMatch(io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class
                ::isInstance)) {
            applier.delete(new io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder()
                    .withNewMetadata().withName(name).withNamespace(ns).endMetadata().build());
        }
        if (objects.stream().noneMatch(io.fabric8.kubernetes.api.model.Secret.class::isInstance)) {
            applier.delete(new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata()
                    .withName(name + "-env").withNamespace(ns).endMetadata().build());
        }
    }

    /** Deletes every object of an app (the app's row goes separately). */
    public void remove(List<HasMetadata> objects) {
        objects.forEach(applier::delete);
    }

    /** What a cluster event asks the reconciler to look at: one object of an app, and what happened to it. */
    private record Check(Class<?> kind, String namespace, String name, String app, @Nullable String crashedRelease) {
    }

    @EventListener
    void on(ClusterChange<?> change) {
        if (!KINDS.contains(change.kind())) {
            return;
        }
        HasMetadata object = change.object();
        Map<String, String> labels = object.getMetadata().getLabels();
        String tenant = labels == null ? null : labels.get(KubeLabels.TENANT);
        String name = labels == null ? null : labels.get(KubeLabels.INSTANCE);
        if (tenant == null || name == null || !object.getMetadata().getNamespace().equals("t-" + tenant)) {
            return;
        }
        // decided here from the event alone; anything needing the database runs on the checks thread,
        // so the informer's thread (which every card and watcher waits on) never waits for it
        String namespace = object.getMetadata().getNamespace();
        if (object instanceof Pod pod) {
            String crashed = crashingRelease(pod);
            if (crashed != null) {
                checks.submit(new Check(Pod.class, namespace, pod.getMetadata().getName(), name, crashed));
            }
            return;
        }
        if (change.type() == ClusterChange.Type.DELETED || object instanceof Deployment) {
            checks.submit(new Check(change.kind(), namespace, object.getMetadata().getName(), name, null));
        }
    }

    private void check(Check check) {
        Long appId = appIdOf(check.namespace(), check.app());
        if (appId == null) {
            return;
        }
        if (check.crashedRelease() != null) {
            rollBack(appId, Long.parseLong(check.crashedRelease()), dev.nonstop.common.Message.of(
                    "app.rollback.why.crashing", CRASH_RESTARTS));
            return;
        }
        // the newest state, not the event's: events that queued up meanwhile are one check
        @SuppressWarnings("unchecked")
        Optional<? extends HasMetadata> now = informers.managed((Class<HasMetadata>) check.kind())
                .get(check.namespace(), check.name());
        if (now.isEmpty()) {
            enqueue(appId);
        } else if (now.get() instanceof Deployment deployment) {
            watchRollout(appId, deployment);
        }
    }

    private @Nullable Long appIdOf(String namespace, String name) {
        // the namespace names the tenant; the tenant's app of that name is the one
        String slug = namespace.substring(2);
        return tx.execute(status -> tenants.idOf(slug).flatMap(tenantId -> apps.findByTenantIdAndName(tenantId, name))
                .map(AppEntity::id).orElse(null));
    }

    private void watchRollout(long appId, Deployment actual) {
        Optional<List<HasMetadata>> desired = desired(appId);
        if (desired.isEmpty()) {
            return;
        }
        Deployment wanted = (Deployment) desired.get().stream().filter(Deployment.class::isInstance).findFirst()
                .orElseThrow();
        String wantedImage = wanted.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage();
        String actualImage = actual.getSpec().getTemplate().getSpec().getContainers().isEmpty() ? ""
                : actual.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage();
        boolean replicasDrifted = wanted.getSpec().getReplicas() != null
                && !Objects.equals(wanted.getSpec().getReplicas(), actual.getSpec().getReplicas());
        if (replicasDrifted || !wantedImage.equals(actualImage)) {
            enqueue(appId);
            return;
        }
        var status = actual.getStatus();
        if (status == null) {
            return;
        }
        String release = wanted.getSpec().getTemplate().getMetadata().getAnnotations()
                .get(AppDeployment.RELEASE_ANNOTATION);
        boolean stalled = status.getConditions() != null && status.getConditions().stream()
                .anyMatch(c -> "Progressing".equals(c.getType()) && "ProgressDeadlineExceeded".equals(c.getReason()));
        if (stalled) {
            rollBack(appId, Long.parseLong(release), dev.nonstop.common.Message.of("app.rollback.why.stalled",
                    AppDeployment.PROGRESS_DEADLINE_SECONDS));
            return;
        }
        int want = actual.getSpec().getReplicas() == null ? 0 : actual.getSpec().getReplicas();
        boolean complete = want > 0 && status.getObservedGeneration() != null
                && status.getObservedGeneration() >= actual.getMetadata().getGeneration()
                && Objects.equals(status.getUpdatedReplicas(), want) && Objects.equals(status.getReplicas(), want)
                && Objects.equals(status.getAvailableReplicas(), want);
        if (complete && markGood(appId, Long.parseLong(release))) {
            events.changed(actual.getMetadata().getNamespace(), actual.getMetadata().getName());
        }
    }

    /** The release of a pod that keeps crashing (CrashLoopBackOff after enough restarts), or null. */
    static @Nullable String crashingRelease(Pod pod) {
        String release = pod.getMetadata().getAnnotations() == null ? null
                : pod.getMetadata().getAnnotations().get(AppDeployment.RELEASE_ANNOTATION);
        if (release == null || pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return null;
        }
        boolean crashing = pod.getStatus().getContainerStatuses().stream().anyMatch(s -> s.getRestartCount() != null
                && s.getRestartCount() >= CRASH_RESTARTS && s.getState() != null && s.getState().getWaiting() != null
                && "CrashLoopBackOff".equals(s.getState().getWaiting().getReason()));
        return crashing ? release : null;
    }

    /** Marks a completed rollout's release as the one to fall back to; true when that changed anything. */
    private boolean markGood(long appId, long releaseId) {
        return Boolean.TRUE.equals(tx.execute(status -> apps.findById(appId).map(app -> {
            ReleaseEntity release = releases.findById(releaseId).orElse(null);
            if (release == null || release.toRecord().status() != Release.Status.ROLLING_OUT
                    || !Objects.equals(app.toRecord().currentReleaseId(), releaseId)) {
                return false;
            }
            release.status(Release.Status.GOOD);
            apps.markGood(appId, releaseId);
            return true;
        }).orElse(false)));
    }

    /** Falls back from a failing release to the last good one, and tells the user why. */
    void rollBack(long appId, long failingId, dev.nonstop.common.Message why) {
        Boolean rolled = tx.execute(status -> apps.findById(appId).map(app -> {
            var record = app.toRecord();
            if (!Objects.equals(record.currentReleaseId(), failingId)) {
                return false;
            }
            ReleaseEntity failing = releases.findById(failingId).orElseThrow();
            if (failing.toRecord().status() != Release.Status.ROLLING_OUT) {
                return false;
            }
            failing.status(Release.Status.ROLLED_BACK);
            Long good = record.goodReleaseId();
            int failingNumber = failing.toRecord().number();
            if (good == null) {
                apps.notice(appId, dev.nonstop.common.MessageJson.write(dev.nonstop.common.Message.of(
                        "app.notice.no-good-release", failingNumber, why)));
                return false;
            }
            int goodNumber = releases.findById(good).map(r -> r.toRecord().number()).orElse(0);
            return apps.rollBack(appId, failingId, good, dev.nonstop.common.MessageJson.write(
                    dev.nonstop.common.Message.of("app.notice.rolled-back", failingNumber,
                            failing.toRecord().shortCommit(), why, goodNumber))) == 1;
        }).orElse(false));
        if (Boolean.TRUE.equals(rolled)) {
            io.micrometer.core.instrument.Counter.builder("nonstop.rollbacks")
                    .description("Releases the portal rolled back by itself, by why").tag("why", why.key())
                    .register(io.micrometer.core.instrument.Metrics.globalRegistry).increment();
            log.info("App {}: release {} rolled back ({})", appId, failingId, why.key());
            enqueue(appId);
        }
    }

    /** Waits until no reconcile is queued or running (tests). */
    public boolean awaitIdle(java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (checks.pending() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return queue.awaitIdle(java.time.Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }

    @Override
    public void close() {
        queue.close();
        checks.close();
    }
}

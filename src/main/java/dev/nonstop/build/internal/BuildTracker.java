package dev.nonstop.build.internal;

import dev.nonstop.build.BuildSettings;
import dev.nonstop.build.FailureCause;
import dev.nonstop.build.FailureClassifier;
import dev.nonstop.build.manifest.BuildPipelineRun;
import dev.nonstop.build.tekton.PipelineRun;
import dev.nonstop.build.tekton.TaskRun;
import dev.nonstop.kube.ClusterCache;
import dev.nonstop.kube.ClusterChange;
import dev.nonstop.kube.InformerRegistry;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Follows builds through the PipelineRun, TaskRun and step-pod informers (no polling): each change
 * updates the build's row — stage list, status, digest — and, when a build ends, keeps its log and
 * classifies a failure. Open screens hear of it through {@link BuildEvents}.
 */
@Component
public class BuildTracker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BuildTracker.class);

    private final InformerRegistry informers;
    private final BuildRepository builds;
    private final BuildSourceRepository sources;
    private final BuildLogs logs;
    private final BuildEvents events;
    private final BuildSettings settings;
    private final TransactionTemplate tx;
    private final org.springframework.context.ApplicationEventPublisher publisher;
    private static final int SETTLE_TRIES = 10;
    private static final long SETTLE_PAUSE_MS = 300;
    private final java.util.Map<Long, Integer> settling = new java.util.concurrent.ConcurrentHashMap<>();
    private final dev.nonstop.common.KeyedWork<Long> refreshes = new dev.nonstop.common.KeyedWork<>("build-tracker", 2,
            this::refresh, e -> log.warn("Build not updated from the cluster: {}", e.toString()));
    private final java.util.concurrent.ScheduledExecutorService later = java.util.concurrent.Executors
            .newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "build-settling");
                thread.setDaemon(true);
                return thread;
            });

    BuildTracker(InformerRegistry informers, BuildRepository builds, BuildSourceRepository sources, BuildLogs logs,
                 BuildEvents events, BuildSettings settings, TransactionTemplate tx,
                 org.springframework.context.ApplicationEventPublisher publisher) {
        this.informers = informers;
        this.builds = builds;
        this.sources = sources;
        this.logs = logs;
        this.events = events;
        this.settings = settings;
        this.tx = tx;
        this.publisher = publisher;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        runs();
        taskRuns();
        informers.managed(Pod.class);
    }

    private ClusterCache<PipelineRun> runs() {
        return informers.managed(PipelineRun.class);
    }

    private ClusterCache<TaskRun> taskRuns() {
        return informers.managed(TaskRun.class);
    }

    @EventListener
    void on(ClusterChange<?> change) {
        if (change.kind() != PipelineRun.class && change.kind() != TaskRun.class && change.kind() != Pod.class) {
            return;
        }
        HasMetadata object = change.object();
        if (!settings.namespace().equals(object.getMetadata().getNamespace())) {
            return;
        }
        Map<String, String> labels = object.getMetadata().getLabels();
        String id = labels == null ? null : labels.get(BuildPipelineRun.BUILD_LABEL);
        if (id == null || !id.matches("\\d{1,18}")) {
            return;
        }
        // off the informer's thread: a refresh reads logs and writes rows, and an app's pod events (which
        // every live card waits for) share this thread with the build pods' events
        refreshes.submit(Long.parseLong(id));
    }

    /** A build whose PipelineRun the cluster refused: it ends at once, with the reason. */
    public void failToStart(long buildId, String reason) {
        tx.executeWithoutResult(status -> builds.findById(buildId).ifPresent(build -> {
            build.progress(dev.nonstop.build.BuildStatus.FAILED, dev.nonstop.build.BuildStep.decode(""), null,
                    java.time.Instant.now());
            build.failed(FailureCause.UNKNOWN, "The cluster did not accept the build: " + reason);
            builds.save(build);
        }));
    }

    /**
     * Brings one build's row up to what the cluster says. A build is never refreshed twice at once (the
     * PipelineRun, TaskRun and pod watches all ask for it); events that arrive meanwhile make one more.
     */
    public void refresh(long buildId) {
        Optional<PipelineRun> run = runs().get(settings.namespace(), "build-" + buildId);
        if (run.isEmpty()) {
            return;
        }
        List<TaskRun> tasks = taskRunsOf(buildId);
        BuildProgress progress = BuildProgress.of(run.get(), tasks);
        if (progress.status().finished() && progress.steps().stream().anyMatch(
                step -> step.state() == dev.nonstop.build.BuildStep.State.RUNNING)) {
            // the PipelineRun's end can reach us before its TaskRun's (another watch): classifying now
            // would miss the failing step, so look again shortly (for at most a few seconds)
            int tries = settling.merge(buildId, 1, Integer::sum);
            if (tries <= SETTLE_TRIES) {
                later.schedule(() -> refreshes.submit(buildId), SETTLE_PAUSE_MS,
                        java.util.concurrent.TimeUnit.MILLISECONDS);
                return;
            }
        }
        settling.remove(buildId);
        String finalLog = progress.status().finished() ? logs.read(tasks) : null;
        var updated = tx.execute(status -> builds.findById(buildId).map(build -> {
            if (build.status().finished()) {
                return null;
            }
            build.progress(progress.status(), progress.steps(), progress.startedAt(), progress.finishedAt());
            if (progress.digest() != null) {
                build.succeeded(progress.digest());
            }
            if (finalLog != null) {
                build.keepLog(finalLog);
            }
            if (progress.failure() != null && progress.status().finished()) {
                var f = progress.failure();
                String tail = tail(finalLog == null ? "" : finalLog, 20);
                FailureCause cause = FailureClassifier.classify(f.stage(), f.stepReason(), f.exitCode(),
                        f.runReason(), f.runMessage(), tail);
                build.failed(cause, tail.isBlank() ? f.runMessage() : tail);
            }
            BuildEntity saved = builds.save(build);
            return sources.findById(build.sourceId()).map(saved::toRecord).orElseGet(() -> saved.toRecord(""));
        }).orElse(null));
        if (updated != null) {
            events.publish(updated);
            if (updated.status().finished()) {
                io.micrometer.core.instrument.Counter.builder("nonstop.builds.finished")
                        .description("Builds that ended, by how").tag("status", updated.status().name().toLowerCase())
                        .register(io.micrometer.core.instrument.Metrics.globalRegistry).increment();
                publisher.publishEvent(new dev.nonstop.build.BuildFinished(updated));
            }
        }
    }

    /** The log of a build as its step pods hold it now (for a running build). */
    public String liveLog(long buildId) {
        return logs.read(taskRunsOf(buildId));
    }

    private List<TaskRun> taskRunsOf(long buildId) {
        return taskRuns().inNamespace(settings.namespace()).stream()
                .filter(t -> t.getMetadata().getLabels() != null && String.valueOf(buildId)
                        .equals(t.getMetadata().getLabels().get(BuildPipelineRun.BUILD_LABEL))).toList();
    }

    static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    @Override
    public void close() {
        later.shutdownNow();
        refreshes.close();
    }
}

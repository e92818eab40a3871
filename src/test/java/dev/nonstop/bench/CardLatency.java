package dev.nonstop.bench;

import dev.nonstop.app.AppService;
import dev.nonstop.kube.KubeLabels;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Times "a pod turns Ready → a card subscriber has it": a watch of its own records each app pod's
 * first Ready and each pod going away; subscribers stand for open Apps pages (they get the shared card and redraw from it, on
 * a small pool as browsers' sessions would) and record, when an app's ready count goes up again after
 * a drop, how long after that Ready they got it. The benchmark's watch may see a replacement's Ready
 * after the portal did; then the portal was first, counted as 0 ms.
 */
final class CardLatency implements AutoCloseable {

    private final Map<String, Long> appOfPods;
    private final Map<Long, Long> readyAt = new ConcurrentHashMap<>();
    private final Map<Long, Long> droppedAt = new ConcurrentHashMap<>();
    private final Map<String, Boolean> readyPods = new ConcurrentHashMap<>();
    private final List<Long> samples = Collections.synchronizedList(new ArrayList<>());
    private final List<Runnable> unsubscribe = Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService sessionThreads = Executors.newFixedThreadPool(8);
    private final List<Watch> watches;
    private final long origin = System.nanoTime();
    private final Map<Long, List<String>> trace = new ConcurrentHashMap<>();
    private final Map<Long, Boolean> slow = new ConcurrentHashMap<>();

    /** {@code appOfPods}: "namespace/app name" → app id, for the apps to time. */
    CardLatency(KubernetesClient cluster, Map<String, Long> appOfPods) {
        this.appOfPods = Map.copyOf(appOfPods);
        // one watch per namespace of the timed apps: a new watch first replays every existing pod as ADDED
        // (the sandbox ignores a starting resource version), which for all 20,000 pods lasts into the measurement
        Watcher<Pod> watcher = new Watcher<>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                var labels = pod.getMetadata().getLabels();
                Long app = labels == null ? null : CardLatency.this.appOfPods.get(pod.getMetadata().getNamespace()
                        + "/" + labels.get(KubeLabels.INSTANCE));
                boolean ready = pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus()
                        .getConditions().stream().anyMatch(c -> "Ready".equals(c.getType())
                                && "True".equals(c.getStatus()));
                // a pod that arrives Ready is an old one replayed; a new replica turns Ready in an update
                if (ready && app != null && readyPods.putIfAbsent(pod.getMetadata().getUid(), true) == null
                        && action == Action.MODIFIED) {
                    readyAt.put(app, System.nanoTime());
                }
                if (app != null && (action == Action.DELETED || pod.getMetadata().getDeletionTimestamp() != null)) {
                    droppedAt.merge(app, System.nanoTime(), Math::max);
                }
                if (app != null) {
                    note(app, "pod  " + action + " " + pod.getMetadata().getName() + " ready=" + ready + " deleting="
                            + (pod.getMetadata().getDeletionTimestamp() != null));
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        };
        this.watches = appOfPods.keySet().stream().map(key -> key.substring(0, key.indexOf('/'))).distinct()
                .map(namespace -> cluster.pods().inNamespace(namespace).watch(watcher)).toList();
    }

    /** What each subscriber has seen: app id → ready replicas on its newest card. */
    private final List<Map<Long, Integer>> subscribers = Collections.synchronizedList(new ArrayList<>());

    /** How many subscribers have a card of at least {@code apps} apps (an open page showing them all). */
    int subscribersShowing(int apps) {
        synchronized (subscribers) {
            return (int) subscribers.stream().filter(seen -> seen.size() >= apps).count();
        }
    }

    /** One more subscriber, signed in as {@code security}'s user (it sees that tenant's cards). */
    void subscribe(AppService apps, SecurityContext security) {
        SecurityContextHolder.setContext(security);
        Map<Long, Integer> seen = new ConcurrentHashMap<>();
        subscribers.add(seen);
        unsubscribe.add(apps.subscribeCards(status -> sessionThreads.submit(() -> {
            long now = System.nanoTime();
            note(status.appId(), "card ready " + status.ready() + "/" + status.desired() + " " + status.state());
            Integer before = seen.put(status.appId(), status.ready());
            if (before != null && status.ready() < before) {
                droppedAt.merge(status.appId(), now, Math::max);
            }
            Long ready = readyAt.get(status.appId());
            if (ready != null && before != null && status.ready() > before) {
                long dropped = droppedAt.getOrDefault(status.appId(), 0L);
                long sample = ready >= dropped ? now - ready : 0L;
                samples.add(sample);
                if (sample > 250_000_000L) {
                    slow.put(status.appId(), true);
                }
            }
        })));
        // the page's first look, as an Apps page draws its cards when it opens; changes come after
        apps.statuses().forEach(status -> seen.putIfAbsent(status.appId(), status.ready()));
        SecurityContextHolder.clearContext();
    }

    /** The samples so far (nanoseconds). */
    List<Long> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    private void note(long app, String what) {
        trace.computeIfAbsent(app, a -> Collections.synchronizedList(new ArrayList<>()))
                .add(String.format("%9.1f ms %s", (System.nanoTime() - origin) / 1e6, what));
    }

    /** What happened to each app that had a sample over 250 ms: its pods and its cards, in order. */
    String slowTrace() {
        StringBuilder out = new StringBuilder();
        slow.keySet().forEach(app -> {
            out.append("app ").append(app).append('\n');
            synchronized (trace.get(app)) {
                trace.get(app).forEach(line -> out.append("  ").append(line).append('\n'));
            }
        });
        return out.toString();
    }

    @Override
    public void close() {
        unsubscribe.forEach(Runnable::run);
        sessionThreads.shutdownNow();
        watches.forEach(Watch::close);
    }
}

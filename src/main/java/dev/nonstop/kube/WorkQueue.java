package dev.nonstop.kube;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reconciler's work queue, as controllers keep one: a key queued twice before it runs runs once;
 * work runs one item at a time on its own thread; a failure is retried after a pause. Also runs
 * periodic work (a full resync) on the same thread.
 */
public final class WorkQueue<K> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WorkQueue.class);

    private final String name;
    private final Consumer<K> work;
    private final Duration delay;
    private final Duration retry;
    private final ScheduledExecutorService worker;
    private final Set<K> queued = ConcurrentHashMap.newKeySet();
    private final AtomicInteger inFlight = new AtomicInteger();

    /** {@code delay}: how long a key waits, so a burst of changes becomes one run. */
    public WorkQueue(String name, Consumer<K> work, Duration delay, Duration retry) {
        this.name = name;
        this.work = work;
        this.delay = delay;
        this.retry = retry;
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    public void enqueue(K key) {
        schedule(key, delay);
    }

    /** Runs {@code task} now and then every {@code period} on the queue's thread. */
    public void every(Duration period, Runnable task) {
        worker.scheduleWithFixedDelay(task, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void schedule(K key, Duration after) {
        if (queued.add(key)) {
            inFlight.incrementAndGet();
            worker.schedule(() -> run(key), after.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void run(K key) {
        queued.remove(key);
        try {
            work.accept(key);
        } catch (RuntimeException e) {
            log.warn("{}: {} failed, retrying in {} s: {}", name, key, retry.toSeconds(), e.toString());
            schedule(key, retry);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** Waits until nothing is queued or running (tests). */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}

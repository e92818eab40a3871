package dev.nonstop.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KeyedWorkTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void a_key_submitted_while_it_runs_runs_once_more_and_never_twice_at_once() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        KeyedWork<String> work = new KeyedWork<>(pool, key -> {
            if (running.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            if (runs.incrementAndGet() == 1) {
                firstStarted.countDown();
                await(release);
            }
            running.decrementAndGet();
        }, e -> { });

        work.submit("app");
        assertThat(firstStarted.await(5, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 10; i++) {
            work.submit("app"); // ten changes while the first run is busy: one more run, not ten
        }
        release.countDown();
        waitUntilIdle(work);

        assertThat(runs).hasValue(2);
        assertThat(overlaps).hasValue(0);
    }

    @Test
    void different_keys_run_side_by_side_and_a_failure_does_not_stop_the_key() throws Exception {
        CountDownLatch bothRunning = new CountDownLatch(2);
        List<RuntimeException> failures = new CopyOnWriteArrayList<>();
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        KeyedWork<String> work = new KeyedWork<>(pool, key -> {
            int run = runs.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            if (run == 1) {
                bothRunning.countDown();
                await(bothRunning); // only returns if the other key runs at the same time
                throw new IllegalStateException(key + " failed");
            }
        }, failures::add);

        work.submit("a");
        work.submit("b");
        assertThat(bothRunning.await(5, TimeUnit.SECONDS)).isTrue();
        waitUntilIdle(work);
        work.submit("a");
        waitUntilIdle(work);

        assertThat(failures).extracting(Throwable::getMessage).containsExactlyInAnyOrder("a failed", "b failed");
        assertThat(runs.get("a")).hasValue(2);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void waitUntilIdle(KeyedWork<?> work) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (work.pending() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(work.pending()).isZero();
    }
}

package dev.nonstop.common;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Work per key on a shared executor, for listeners that must not hold up the thread that calls them:
 * a key submitted while it waits runs once; a key submitted while it runs runs once more afterwards
 * (so the newest state is always seen); one key never runs twice at the same time, different keys
 * run in parallel as far as the executor allows.
 */
public final class KeyedWork<K> implements AutoCloseable {

    private enum State { QUEUED, RUNNING, RUNNING_AGAIN }

    private final Executor executor;
    private final @Nullable ExecutorService ownThreads;
    private final Consumer<K> work;
    private final Consumer<RuntimeException> failure;
    private final ConcurrentHashMap<K, State> states = new ConcurrentHashMap<>();

    /** {@code failure} hears what {@code work} threw; the key is not retried. */
    public KeyedWork(Executor executor, Consumer<K> work, Consumer<RuntimeException> failure) {
        this(executor, null, work, failure);
    }

    /** Runs on {@code threads} daemon threads of its own, named {@code name}; {@link #close()} stops them. */
    public KeyedWork(String name, int threads, Consumer<K> work, Consumer<RuntimeException> failure) {
        this(null, Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        }), work, failure);
    }

    private KeyedWork(@Nullable Executor executor, @Nullable ExecutorService ownThreads, Consumer<K> work,
                      Consumer<RuntimeException> failure) {
        this.executor = executor != null ? executor : java.util.Objects.requireNonNull(ownThreads);
        this.ownThreads = ownThreads;
        this.work = work;
        this.failure = failure;
    }

    public void submit(K key) {
        boolean[] start = {false};
        states.compute(key, (k, state) -> {
            if (state == null) {
                start[0] = true;
                return State.QUEUED;
            }
            return state == State.RUNNING ? State.RUNNING_AGAIN : state;
        });
        if (start[0]) {
            executor.execute(() -> run(key));
        }
    }

    private void run(K key) {
        states.put(key, State.RUNNING);
        try {
            work.accept(key);
        } catch (RuntimeException e) {
            failure.accept(e);
        } finally {
            boolean[] again = {false};
            states.compute(key, (k, state) -> {
                if (state == State.RUNNING_AGAIN) {
                    again[0] = true;
                    return State.QUEUED;
                }
                return null;
            });
            if (again[0]) {
                executor.execute(() -> run(key));
            }
        }
    }

    /** Keys waiting or running (tests, health). */
    public int pending() {
        return states.size();
    }

    @Override
    public void close() {
        if (ownThreads != null) {
            ownThreads.shutdownNow();
        }
    }
}

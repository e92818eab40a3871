package dev.nonstop.common;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Work per key on a shared executor, for listeners that must not hold up the thread that calls them:
 * a key submitted while it waits runs once; a key submitted while it runs runs once more afterwards
 * (so the newest state is always seen); one key never runs twice at the same time, different keys
 * run in parallel as far as the executor allows.
 */
public final class KeyedWork<K> {

    private enum State { QUEUED, RUNNING, RUNNING_AGAIN }

    private final Executor executor;
    private final Consumer<K> work;
    private final Consumer<RuntimeException> failure;
    private final ConcurrentHashMap<K, State> states = new ConcurrentHashMap<>();

    /** {@code failure} hears what {@code work} threw; the key is not retried. */
    public KeyedWork(Executor executor, Consumer<K> work, Consumer<RuntimeException> failure) {
        this.executor = executor;
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
}

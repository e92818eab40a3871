package dev.nonstop.testsupport;

import java.time.Duration;

/** Retries an assertion until it holds or the time is up (then its last failure is thrown). */
public final class Eventually {

    /**
     * How long a simulated build may take to succeed: seconds on an idle machine, much longer when other
     * work keeps both cores busy (the wait ends as soon as it has succeeded).
     */
    public static final Duration A_BUILD = Duration.ofMinutes(2);

    private Eventually() {
    }

    public static void within(Duration timeout, Runnable assertion) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError | RuntimeException failure) {
                if (System.nanoTime() > deadline) {
                    throw failure;
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}

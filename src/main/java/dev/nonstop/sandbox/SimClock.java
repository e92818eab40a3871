package dev.nonstop.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The sandbox's simulated time: runs at {@code speed} times real time and can be moved forward, so that
 * tests wait for a simulated minute in a fraction of a real second. Every simulated controller and
 * the sandbox API's timestamps read this clock.
 */
public final class SimClock extends Clock {

    private long realBaseNanos;
    private Instant simBase;
    private double speed;

    public SimClock(Instant start, double speed) {
        this.realBaseNanos = System.nanoTime();
        this.simBase = start;
        this.speed = speed;
    }

    @Override
    public synchronized Instant instant() {
        long elapsed = System.nanoTime() - realBaseNanos;
        return simBase.plusNanos((long) (elapsed * speed));
    }

    /** Changes the speed from now on (1 = real time). */
    public synchronized void setSpeed(double newSpeed) {
        if (newSpeed <= 0) {
            throw new IllegalArgumentException("speed must be positive");
        }
        rebase();
        speed = newSpeed;
    }

    public synchronized double speed() {
        return speed;
    }

    /** Jumps simulated time forward. */
    public synchronized void advance(Duration duration) {
        rebase();
        simBase = simBase.plus(duration);
    }

    /** How long to sleep in real time for {@code simulated} to pass. */
    public synchronized Duration realTimeFor(Duration simulated) {
        return Duration.ofNanos((long) (simulated.toNanos() / speed));
    }

    private void rebase() {
        Instant now = instant();
        realBaseNanos = System.nanoTime();
        simBase = now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}

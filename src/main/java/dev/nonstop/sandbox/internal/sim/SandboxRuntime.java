package dev.nonstop.sandbox.internal.sim;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the simulated controllers one after another on one thread, every tick of real time. A failing
 * controller is logged and the loop goes on.
 */
public final class SandboxRuntime implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SandboxRuntime.class);

    private final SimContext sim;
    private final NodeSimulator nodes;
    private final NodeLifecycle lifecycle;
    private final DeploymentController deployments;
    private final ReplicaSetController replicaSets;
    private final Scheduler scheduler;
    private final Kubelet kubelet;
    private final QuotaController quotas;
    private final MetricsPublisher metrics;
    private final Autoscaler autoscaler;
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "sandbox-controllers");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong ticks = new AtomicLong();

    public SandboxRuntime(SimContext sim) {
        this.sim = sim;
        this.nodes = new NodeSimulator(sim);
        this.lifecycle = new NodeLifecycle(sim);
        this.deployments = new DeploymentController(sim);
        this.replicaSets = new ReplicaSetController(sim);
        this.scheduler = new Scheduler(sim);
        this.kubelet = new Kubelet(sim);
        this.quotas = new QuotaController(sim);
        this.metrics = new MetricsPublisher(sim);
        this.autoscaler = new Autoscaler(sim);
    }

    public void start() {
        nodes.createNodes();
        long period = sim.settings.tick().toMillis();
        loop.scheduleWithFixedDelay(this::tick, period, period, TimeUnit.MILLISECONDS);
    }

    void tick() {
        if (!sim.synced()) {
            return;
        }
        for (Runnable controller : new Runnable[] {nodes::tick, lifecycle::tick, deployments::tick,
                replicaSets::tick, scheduler::tick, kubelet::tick, quotas::tick, metrics::tick, autoscaler::tick}) {
            try {
                controller.run();
                sim.awaitWrites();
            } catch (RuntimeException e) {
                log.warn("Sandbox controller step failed (the loop goes on): {}", e.toString());
            }
        }
        ticks.incrementAndGet();
    }

    public long ticks() {
        return ticks.get();
    }

    /** Sets the simulated load of an app: 1.0 is CPU use equal to its CPU request. */
    public void setLoad(String namespace, String deployment, double load) {
        sim.loads.put(namespace + "/" + deployment, load);
    }

    public NodeSimulator nodes() {
        return nodes;
    }

    @Override
    public void close() {
        loop.shutdownNow();
        try {
            loop.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sim.close();
    }
}

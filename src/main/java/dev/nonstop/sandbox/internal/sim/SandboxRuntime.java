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
    private final Autoscaler autoscaler;
    private final TektonSimulator tekton;
    private final OrphanCollector orphans;
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
        this.autoscaler = new Autoscaler(sim);
        this.tekton = new TektonSimulator(sim);
        this.orphans = new OrphanCollector(sim);
    }

    public void start() {
        nodes.createNodes();
        long period = sim.settings.tick().toMillis();
        loop.scheduleWithFixedDelay(this::tick, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * One pass of every controller. A pass that took over a second (thousands of apps) is followed by a
     * rest as long as the pass, up to 2 s: the simulated control plane shares the portal's cores, where a real one
     * runs on machines of its own, so at scale it takes at most about half of one core.
     */
    void tick() {
        long started = System.nanoTime();
        pass();
        long took = (System.nanoTime() - started) / 1_000_000;
        // only at scale: a small sandbox on a busy machine keeps its pace (tests wait for its builds and pods)
        long rest = took < 1000 ? 0 : Math.min(took, 2000) - sim.settings.tick().toMillis();
        if (rest > 0) {
            try {
                Thread.sleep(rest);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void pass() {
        if (!sim.synced()) {
            return;
        }
        String[] names = {"nodes", "lifecycle", "deployments", "replicasets", "scheduler", "kubelet", "quotas",
            "autoscaler", "tekton", "orphans"};
        Runnable[] steps = {nodes::tick, lifecycle::tick, deployments::tick,
            replicaSets::tick, scheduler::tick, kubelet::tick, quotas::tick, autoscaler::tick, tekton::tick,
            orphans::tick};
        for (int i = 0; i < steps.length; i++) {
            Runnable controller = steps[i];
            long started = System.nanoTime();
            try {
                controller.run();
                long decided = System.nanoTime();
                sim.awaitWrites();
                long millis = (System.nanoTime() - started) / 1_000_000;
                if (millis > 1000) {
                    log.info("Sandbox step {} took {} ms ({} ms deciding, the rest writing)", names[i], millis,
                            (decided - started) / 1_000_000);
                }
            } catch (RuntimeException e) {
                log.warn("Sandbox controller step failed (the loop goes on): {}", e.toString());
            }
        }
        ticks.incrementAndGet();
    }

    public long ticks() {
        return ticks.get();
    }

    public java.util.Set<String> crashingImages() {
        return sim.crashingImages;
    }

    public BuildFaults buildFaults() {
        return sim.buildFaults;
    }

    public NodeSimulator nodes() {
        return nodes;
    }

    /** The controllers' shared view of the cluster (for the metrics exporter). */
    SimContext context() {
        return sim;
    }

    @Override
    public void close() {
        loop.shutdownNow();
        try {
            loop.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tekton.close();
        sim.close();
    }
}

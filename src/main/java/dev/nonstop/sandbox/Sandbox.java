package dev.nonstop.sandbox;

import dev.nonstop.sandbox.internal.api.SandboxApiServer;
import dev.nonstop.sandbox.internal.sim.SandboxRuntime;
import dev.nonstop.sandbox.internal.sim.SimContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;

/**
 * A running sandbox cluster: its API server, its simulated controllers, its clock, and the faults
 * that can be injected. Usable without Spring (tests, benchmark) and wrapped by {@link SandboxCluster}.
 */
public final class Sandbox implements AutoCloseable {

    private final SandboxSettings settings;
    private final SimClock clock;
    private final SandboxApiServer api;
    private final KubernetesClient controllerClient;
    private final SandboxRuntime runtime;
    private final dev.nonstop.sandbox.internal.sim.MetricsExporter exporter;

    private Sandbox(SandboxSettings settings, int metricsPort) {
        this.settings = settings;
        this.clock = new SimClock(Instant.now(), settings.speed());
        this.api = SandboxApiServer.start(clock, settings.port());
        this.controllerClient = api.newClient();
        this.runtime = new SandboxRuntime(new SimContext(controllerClient, clock, settings));
        this.exporter = dev.nonstop.sandbox.internal.sim.MetricsExporter.start(runtime, api.dispatcher().podMetrics(),
                api.token(), metricsPort);
    }

    public static Sandbox start(SandboxSettings settings) {
        return start(settings, 0);
    }

    /** Starts with the metrics exporter on a chosen loopback port (0: a free one), so a Prometheus can keep it. */
    public static Sandbox start(SandboxSettings settings, int metricsPort) {
        Sandbox sandbox = new Sandbox(settings, metricsPort);
        sandbox.runtime.start();
        return sandbox;
    }

    public Config config() {
        return api.config();
    }

    public String url() {
        return api.url();
    }

    /** The HTTPS address for kubectl and other tools (self-signed: the kubeconfig skips verification). */
    public String tlsUrl() {
        return api.tlsUrl();
    }

    /** The token the sandbox API asks for (for kubeconfigs; never shown or logged). */
    public String token() {
        return api.token();
    }

    public SimClock clock() {
        return clock;
    }

    public SandboxSettings settings() {
        return settings;
    }

    /** A new client of the sandbox API, for tests and tools (the caller closes it). */
    public KubernetesClient newClient() {
        return api.newClient();
    }

    /** Fault: the node stops answering (NotReady); its pods leave after their toleration. */
    public void failNode(String node) {
        runtime.nodes().fail(node);
    }

    public void recoverNode(String node) {
        runtime.nodes().recover(node);
    }

    /** Fault: every node of the zone stops answering. */
    public void loseZone(String zone) {
        controllerClient.nodes().withLabel("topology.kubernetes.io/zone", zone).list().getItems()
                .forEach(n -> failNode(n.getMetadata().getName()));
    }

    /** Sets an app's simulated load (1.0 = CPU use equal to its request); drives PodMetrics and the HPA. */
    public void setLoad(String namespace, String deployment, double load) {
        api.dispatcher().podMetrics().setLoad(namespace, deployment, load);
    }

    /** Share of an app's requests answered with a 500 (0 to 1), seen by Prometheus through the exporter. */
    public void setErrorShare(String namespace, String deployment, double share) {
        api.dispatcher().podMetrics().setErrorShare(namespace, deployment, share);
    }

    /** An app's traffic knobs as set: load (1.0 = its CPU request), share of 500s, mean latency in ms. */
    public double[] traffic(String namespace, String deployment) {
        var knobs = api.dispatcher().podMetrics();
        return new double[] {knobs.load(namespace, deployment), knobs.errorShare(namespace, deployment),
            knobs.latencyMillis(namespace, deployment)};
    }

    /** Mean time an app takes to answer a request. */
    public void setLatency(String namespace, String deployment, java.time.Duration mean) {
        api.dispatcher().podMetrics().setLatencyMillis(namespace, deployment, mean.toMillis());
    }

    /**
     * Where a Prometheus finds the sandbox's scrape targets ({@code http_sd_configs}): app pods with
     * {@code http_server_requests_seconds}, cAdvisor and kube-state-metrics series; the API's token is
     * required for it and for every target.
     */
    public String metricsDiscoveryUrl() {
        return exporter.serviceDiscoveryUrl();
    }

    /**
     * A Prometheus configuration that scrapes this sandbox as it would a cluster (service discovery, the
     * targets' own labels kept), every {@code every}, with the token read from {@code tokenFile} (which
     * Prometheus re-reads, so a new token in the same file keeps it scraping).
     */
    public String prometheusConfig(java.nio.file.Path tokenFile, java.time.Duration every) {
        return """
                global:
                  scrape_interval: %1$ds
                  evaluation_interval: %1$ds
                scrape_configs:
                  - job_name: sandbox
                    honor_labels: true
                    authorization:
                      type: Bearer
                      credentials_file: %2$s
                    http_sd_configs:
                      - url: %3$s
                        refresh_interval: %1$ds
                        authorization:
                          type: Bearer
                          credentials_file: %2$s
                """.formatted(Math.max(1, every.toSeconds()), tokenFile.toAbsolutePath(), metricsDiscoveryUrl());
    }

    /** Fault: the API answers {@code delay} late (zero to heal). */
    public void slowApi(java.time.Duration delay) {
        api.dispatcher().setDelay(delay);
    }

    /** Fault: the API refuses the next {@code count} pod status writes with a conflict (409), not retried by clients. */
    public void refusePodStatusWrites(int count) {
        api.dispatcher().refusePodStatusWrites(count);
    }

    /** Fault: deletes one pod, as a crash or an operator would. */
    public void killPod(String namespace, String name) {
        controllerClient.pods().inNamespace(namespace).withName(name).delete();
    }

    /** How many watch requests the sandbox API has served for a resource, e.g. "apps/deployments". */
    /** Fault: builds of repositories whose URL contains {@code repoContains} fail at {@code task} with {@code reason}. */
    public void failBuilds(String repoContains, String task, String reason) {
        runtime.buildFaults().add(new dev.nonstop.sandbox.internal.sim.BuildFaults.Rule(repoContains, task, reason));
    }

    public void clearBuildFaults() {
        runtime.buildFaults().clear();
    }

    /** Fault: pods whose image reference contains {@code text} crash (CrashLoopBackOff, restarts growing). */
    public void crashImagesContaining(String text) {
        runtime.crashingImages().add(text);
    }

    public void clearCrashingImages() {
        runtime.crashingImages().clear();
    }

    public int watchRequests(String groupAndPlural) {
        return api.dispatcher().watchRequests(groupAndPlural);
    }

    public long ticks() {
        return runtime.ticks();
    }

    @Override
    public void close() {
        exporter.close();
        runtime.close();
        controllerClient.close();
        api.close();
    }
}

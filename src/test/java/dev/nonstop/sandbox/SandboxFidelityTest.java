package dev.nonstop.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sandbox behaves as a Kubernetes user would check it. Simulated time runs 20x faster, so a
 * simulated minute takes three real seconds; no test sleeps for simulated time.
 */
class SandboxFidelityTest {

    static Sandbox sandbox;
    static KubernetesClient client;
    String ns;

    @BeforeAll
    static void start() {
        SandboxSettings d = SandboxSettings.defaults();
        sandbox = Sandbox.start(new SandboxSettings(4, 2, d.nodeCpuMilli(), d.nodeMemoryMib(), d.nodePods(),
                Duration.ofSeconds(3), 0.0, 20.0, 0, Duration.ofMillis(40)));
        client = sandbox.newClient();
    }

    @AfterAll
    static void stop() {
        client.close();
        sandbox.close();
    }

    @BeforeEach
    void namespace() {
        ns = "t-" + UUID.randomUUID().toString().substring(0, 8);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
                .create();
    }

    static void await(String what, Duration realTimeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + realTimeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private Deployment app(String name, String image, int replicas, Integer deadlineSeconds) {
        return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                .withNewSpec().withReplicas(replicas).withMinReadySeconds(5).withRevisionHistoryLimit(3)
                .withProgressDeadlineSeconds(deadlineSeconds)
                .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
                .withMaxSurge(new IntOrString(1)).withMaxUnavailable(new IntOrString(0)).endRollingUpdate()
                .endStrategy()
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata().withNewSpec()
                .addNewContainer().withName("app").withImage(image)
                .withNewResources().addToRequests("cpu", new Quantity("100m")).addToRequests("memory", new Quantity("128Mi"))
                .endResources()
                .withNewReadinessProbe().withNewHttpGet().withPath("/").withPort(new IntOrString(8080)).endHttpGet()
                .withInitialDelaySeconds(2).endReadinessProbe()
                .endContainer()
                .addNewTopologySpreadConstraint().withMaxSkew(1).withTopologyKey("kubernetes.io/hostname")
                .withWhenUnsatisfiable("DoNotSchedule").withNewLabelSelector().addToMatchLabels("app", name)
                .endLabelSelector().endTopologySpreadConstraint()
                .addNewTopologySpreadConstraint().withMaxSkew(1).withTopologyKey("topology.kubernetes.io/zone")
                .withWhenUnsatisfiable("ScheduleAnyway").withNewLabelSelector().addToMatchLabels("app", name)
                .endLabelSelector().endTopologySpreadConstraint()
                .addNewToleration().withKey("node.kubernetes.io/not-ready").withOperator("Exists")
                .withEffect("NoExecute").withTolerationSeconds(30L).endToleration()
                .addNewToleration().withKey("node.kubernetes.io/unreachable").withOperator("Exists")
                .withEffect("NoExecute").withTolerationSeconds(30L).endToleration()
                .endSpec().endTemplate().endSpec().build();
    }

    private Deployment read(String name) {
        return client.apps().deployments().inNamespace(ns).withName(name).get();
    }

    private int available(String name) {
        Deployment d = read(name);
        return d.getStatus() == null || d.getStatus().getAvailableReplicas() == null ? 0
                : d.getStatus().getAvailableReplicas();
    }

    private List<Pod> pods(String name) {
        return client.pods().inNamespace(ns).withLabel("app", name).list().getItems();
    }

    private Map<String, Node> nodes() {
        return client.nodes().list().getItems().stream()
                .collect(Collectors.toMap(n -> n.getMetadata().getName(), n -> n));
    }

    private void deployAndAwaitReady(Deployment deployment) {
        client.resource(deployment).create();
        await("2 available replicas", Duration.ofSeconds(20), () -> available(deployment.getMetadata().getName()) == 2);
    }

    @Test
    void the_sandbox_has_ready_nodes_spread_over_zones() {
        List<Node> nodes = client.nodes().list().getItems();
        assertThat(nodes).hasSize(4);
        assertThat(nodes).extracting(n -> n.getMetadata().getLabels().get("topology.kubernetes.io/zone"))
                .containsOnly("sandbox-zone-a", "sandbox-zone-b");
        assertThat(nodes).allSatisfy(n -> assertThat(n.getStatus().getConditions())
                .anySatisfy(c -> assertThat(c.getType() + "=" + c.getStatus()).isEqualTo("Ready=True")));
    }

    @Test
    void pods_of_a_spread_deployment_land_on_different_nodes_and_zones() {
        deployAndAwaitReady(app("web", "shop:1", 2, 600));
        Map<String, Node> nodes = nodes();
        List<Pod> pods = pods("web");
        assertThat(pods).hasSize(2);
        Set<String> hosts = pods.stream().map(p -> p.getSpec().getNodeName()).collect(Collectors.toSet());
        Set<String> zones = hosts.stream().map(h -> nodes.get(h).getMetadata().getLabels()
                .get("topology.kubernetes.io/zone")).collect(Collectors.toSet());
        assertThat(hosts).hasSize(2);
        assertThat(zones).hasSize(2);
        assertThat(pods).allSatisfy(p -> assertThat(p.getStatus().getPhase()).isEqualTo("Running"));
    }

    @Test
    void a_rollout_to_a_new_image_never_drops_below_two_available_and_ends_on_the_new_template() throws Exception {
        deployAndAwaitReady(app("web", "shop:1", 2, 600));
        AtomicInteger fewest = new AtomicInteger(Integer.MAX_VALUE);
        AtomicInteger observations = new AtomicInteger();
        Thread watcher = Thread.ofVirtual().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                fewest.accumulateAndGet(available("web"), Math::min);
                observations.incrementAndGet();
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        client.apps().deployments().inNamespace(ns).withName("web").edit(d -> {
            d.getSpec().getTemplate().getSpec().getContainers().getFirst().setImage("shop:2");
            return d;
        });
        await("rollout complete", Duration.ofSeconds(30), () -> {
            Deployment d = read("web");
            List<Pod> pods = pods("web");
            return d.getStatus() != null && Integer.valueOf(2).equals(d.getStatus().getUpdatedReplicas())
                    && available("web") == 2 && pods.size() == 2 && pods.stream()
                    .allMatch(p -> p.getSpec().getContainers().getFirst().getImage().equals("shop:2"));
        });
        watcher.interrupt();
        watcher.join();
        assertThat(observations.get()).isGreaterThan(20);
        assertThat(fewest.get()).isGreaterThanOrEqualTo(2);
        assertThat(client.apps().replicaSets().inNamespace(ns).list().getItems()).hasSize(2)
                .anySatisfy(rs -> assertThat(rs.getSpec().getReplicas()).isZero());
    }

    @Test
    void pod_logs_tell_the_simulated_life_of_the_pod_and_say_it_is_simulated() {
        deployAndAwaitReady(app("web", "shop:1", 2, 600));
        Pod pod = pods("web").getFirst();
        String log = client.pods().inNamespace(ns).withName(pod.getMetadata().getName()).getLog();
        assertThat(log).contains("pulling image shop:1").contains("container started")
                .contains("readiness probe passed").contains("simulated");
        String last = client.pods().inNamespace(ns).withName(pod.getMetadata().getName()).tailingLines(1).getLog();
        assertThat(last.strip().lines()).hasSize(1);
    }

    private io.fabric8.kubernetes.api.model.GenericKubernetesResource pipelineRun(String name,
                                                                                Map<String, String> annotations) {
        var run = new io.fabric8.kubernetes.api.model.GenericKubernetesResource();
        run.setApiVersion("tekton.dev/v1");
        run.setKind("PipelineRun");
        run.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name).withNamespace(ns)
                .withAnnotations(annotations).addToLabels("nonstop.dev/build", name).build());
        run.getAdditionalProperties().put("spec", Map.of("pipelineRef", Map.of("name", "build-image"),
                "params", List.of(Map.of("name", "repo-url", "value", "https://github.com/acme/shop"),
                        Map.of("name", "image", "value", "registry.local/acme/shop:abc123"))));
        return client.genericKubernetesResources("tekton.dev/v1", "PipelineRun").inNamespace(ns).resource(run)
                .create();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> runStatus(String name) {
        var run = client.genericKubernetesResources("tekton.dev/v1", "PipelineRun").inNamespace(ns).withName(name)
                .get();
        Object status = run.getAdditionalProperties().get("status");
        return status instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    private String succeeded(String name) {
        Object conditions = runStatus(name).get("conditions");
        if (!(conditions instanceof List<?> list) || list.isEmpty()) {
            return "";
        }
        Map<String, Object> c = (Map<String, Object>) list.getFirst();
        return c.get("status") + "/" + c.get("reason");
    }

    @Test
    void a_pipeline_run_goes_through_its_tasks_to_an_image_digest() {
        pipelineRun("build-1", Map.of("sandbox.nonstop.dev/task-seconds", "5"));
        await("running", Duration.ofSeconds(10), () -> succeeded("build-1").equals("Unknown/Running"));
        await("succeeded", Duration.ofSeconds(20), () -> succeeded("build-1").equals("True/Succeeded"));
        assertThat(runStatus("build-1").get("results").toString()).contains("IMAGE_DIGEST").contains("sha256:")
                .contains("registry.local/acme/shop:abc123");
        var taskRuns = client.genericKubernetesResources("tekton.dev/v1", "TaskRun").inNamespace(ns).list()
                .getItems();
        assertThat(taskRuns).extracting(t -> t.getMetadata().getName())
                .containsExactlyInAnyOrder("build-1-clone", "build-1-build", "build-1-push");
        assertThat(client.pods().inNamespace(ns).withName("build-1-build-pod").getLog())
                .contains("buildah build").contains("simulated");
        assertThat(client.pods().inNamespace(ns).withName("build-1-push-pod").getLog())
                .contains("skopeo copy oci:out/image docker://registry.local/acme/shop:abc123");
    }

    @Test
    void a_pipeline_run_can_be_made_to_fail_at_a_chosen_step() {
        pipelineRun("build-2", Map.of("sandbox.nonstop.dev/task-seconds", "5",
                "sandbox.nonstop.dev/fail-at", "build", "sandbox.nonstop.dev/fail-reason", "OOMKilled"));
        await("failed", Duration.ofSeconds(20), () -> succeeded("build-2").equals("False/Failed"));
        assertThat(runStatus("build-2").get("conditions").toString()).contains("task build failed: OOMKilled");
        assertThat(runStatus("build-2")).doesNotContainKey("results");
        assertThat(client.genericKubernetesResources("tekton.dev/v1", "TaskRun").inNamespace(ns).withName(
                "build-2-push").get()).isNull();
        assertThat(client.pods().inNamespace(ns).withName("build-2-build-pod").getLog())
                .contains("error: step build failed: OOMKilled");
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_pipeline_run_over_the_namespace_quota_waits_for_room_and_then_runs_as_tekton_does() {
        // one build pod at a time: the second run's pods are refused until the first run's pods finish
        client.resource(new io.fabric8.kubernetes.api.model.ResourceQuotaBuilder().withNewMetadata()
                .withName("builds").withNamespace(ns).endMetadata().withNewSpec()
                .addToHard("pods", new Quantity("1")).endSpec().build()).create();
        pipelineRun("build-a", Map.of("sandbox.nonstop.dev/task-seconds", "5"));
        await("build-a running", Duration.ofSeconds(10), () -> succeeded("build-a").equals("Unknown/Running"));
        pipelineRun("build-b", Map.of("sandbox.nonstop.dev/task-seconds", "5"));

        await("build-b's clone waits for quota", Duration.ofSeconds(10), () -> {
            var taskRun = client.genericKubernetesResources("tekton.dev/v1", "TaskRun").inNamespace(ns)
                    .withName("build-b-clone").get();
            if (taskRun == null || !(taskRun.getAdditionalProperties().get("status") instanceof Map<?, ?> st)) {
                return false;
            }
            Map<String, Object> c = ((List<Map<String, Object>>) st.get("conditions")).getFirst();
            return "Unknown".equals(c.get("status")) && "ExceededResourceQuota".equals(c.get("reason"))
                    && String.valueOf(c.get("message")).contains("exceeded quota: builds");
        });
        assertThat(runStatus("build-b")).containsKey("startTime");

        await("build-a succeeded", Duration.ofSeconds(20), () -> succeeded("build-a").equals("True/Succeeded"));
        await("build-b succeeded", Duration.ofSeconds(30), () -> succeeded("build-b").equals("True/Succeeded"));
        // build-b's clone waited: its step started only once build-a's clone pod had finished
        Map<String, Object> waited = cloneStep("build-b");
        assertThat(java.time.Instant.parse(String.valueOf(waited.get("startedAt"))))
                .isAfter(java.time.Instant.parse(String.valueOf(taskRunStatus("build-b-clone").get("startTime"))))
                .isAfterOrEqualTo(java.time.Instant.parse(String.valueOf(cloneStep("build-a").get("finishedAt"))));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> taskRunStatus(String name) {
        return (Map<String, Object>) client.genericKubernetesResources("tekton.dev/v1", "TaskRun").inNamespace(ns)
                .withName(name).get().getAdditionalProperties().get("status");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> cloneStep(String run) {
        var steps = (List<Map<String, Object>>) taskRunStatus(run + "-clone").get("steps");
        return (Map<String, Object>) steps.getFirst().get("terminated");
    }

    @Test
    void pods_start_even_when_the_api_refuses_some_of_the_kubelets_writes() {
        // a refused status write (a conflict: clients do not retry those) must be sent again, as a real
        // kubelet keeps syncing, or the pod stays Pending for ever
        sandbox.refusePodStatusWrites(4);
        client.resource(app("busy", "shop:1", 2, 600)).create();
        await("2 available replicas", Duration.ofSeconds(30), () -> available("busy") == 2);
        assertThat(pods("busy")).allSatisfy(p -> assertThat(p.getStatus().getPhase()).isEqualTo("Running"));
    }

    @Test
    void a_deleted_pod_is_replaced() {
        deployAndAwaitReady(app("web", "shop:1", 2, 600));
        Pod victim = pods("web").getFirst();
        sandbox.killPod(ns, victim.getMetadata().getName());
        await("a replacement pod", Duration.ofSeconds(20), () -> {
            List<Pod> pods = pods("web");
            return pods.size() == 2 && pods.stream().noneMatch(p -> p.getMetadata().getName()
                    .equals(victim.getMetadata().getName())) && available("web") == 2;
        });
    }

    @Test
    void the_pods_of_a_node_that_stops_answering_move_after_their_toleration() {
        deployAndAwaitReady(app("web", "shop:1", 2, 600));
        String node = pods("web").getFirst().getSpec().getNodeName();
        var failedAt = sandbox.clock().instant();
        sandbox.failNode(node);
        try {
            await("pods moved off " + node, Duration.ofSeconds(30), () -> {
                List<Pod> pods = pods("web");
                return pods.size() == 2 && pods.stream().noneMatch(p -> node.equals(p.getSpec().getNodeName()))
                        && available("web") == 2;
            });
            Duration took = Duration.between(failedAt, sandbox.clock().instant());
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(30)).isLessThan(Duration.ofSeconds(90));
        } finally {
            sandbox.recoverNode(node);
        }
    }

    /** A deployment that promises zones: spread hard over nodes and zones, taints honoured or not. */
    private Deployment zoneSafe(String name, String nodeTaintsPolicy) {
        Deployment d = app(name, "shop:1", 2, 600);
        d.getSpec().getTemplate().getSpec().getTopologySpreadConstraints().forEach(c -> {
            c.setWhenUnsatisfiable("DoNotSchedule");
            c.setNodeTaintsPolicy(nodeTaintsPolicy);
        });
        return d;
    }

    private Set<String> zonesOf(List<Pod> pods) {
        Map<String, Node> nodes = nodes();
        return pods.stream().filter(p -> p.getSpec().getNodeName() != null)
                .map(p -> nodes.get(p.getSpec().getNodeName()).getMetadata().getLabels()
                        .get("topology.kubernetes.io/zone")).collect(Collectors.toSet());
    }

    @Test
    void a_lost_zone_is_tainted_and_with_taints_honoured_a_hard_zone_spread_refills_the_surviving_zone() {
        deployAndAwaitReady(zoneSafe("web", "Honor"));
        deployAndAwaitReady(zoneSafe("old", "Ignore"));
        String lost = zonesOf(pods("web")).stream().sorted().findFirst().orElseThrow();
        sandbox.loseZone(lost);
        try {
            await("lost zone tainted", Duration.ofSeconds(10), () -> nodes().values().stream()
                    .filter(n -> lost.equals(n.getMetadata().getLabels().get("topology.kubernetes.io/zone")))
                    .allMatch(n -> n.getSpec().getTaints() != null && n.getSpec().getTaints().stream()
                            .anyMatch(t -> "node.kubernetes.io/unreachable".equals(t.getKey())
                                    && "NoSchedule".equals(t.getEffect()))));
            // Honor: the lost zone is no domain, so the replacement goes to the surviving zone
            await("web back to 2 available in one zone", Duration.ofSeconds(60), () -> available("web") == 2
                    && pods("web").size() == 2 && !zonesOf(pods("web")).contains(lost));
            // Ignore (Kubernetes' default): the lost zone still counts, the replacement cannot be placed
            await("old's replacement unschedulable", Duration.ofSeconds(60), () -> pods("old").stream()
                    .anyMatch(p -> p.getSpec().getNodeName() == null && p.getStatus() != null
                            && p.getStatus().getConditions() != null && p.getStatus().getConditions().stream()
                            .anyMatch(c -> "PodScheduled".equals(c.getType()) && "Unschedulable".equals(c.getReason()))));
            assertThat(available("old")).isEqualTo(1);
        } finally {
            nodes().values().stream().filter(n -> lost.equals(n.getMetadata().getLabels()
                    .get("topology.kubernetes.io/zone"))).forEach(n -> sandbox.recoverNode(n.getMetadata().getName()));
        }
        await("taints gone with the zone back", Duration.ofSeconds(10), () -> nodes().values().stream()
                .allMatch(n -> n.getSpec().getTaints() == null || n.getSpec().getTaints().isEmpty()));
        // the waiting replica of "old" can go to the returned zone now
        await("old back to 2", Duration.ofSeconds(60), () -> available("old") == 2);
    }

    @Test
    void a_quota_without_room_refuses_the_surge_pod_as_a_real_cluster_does() {
        client.resource(new io.fabric8.kubernetes.api.model.ResourceQuotaBuilder().withNewMetadata()
                .withName("compute").withNamespace(ns).endMetadata().withNewSpec()
                .addToHard("pods", new Quantity("2")).addToHard("requests.cpu", new Quantity("200m")).endSpec()
                .build()).create();
        deployAndAwaitReady(app("web", "shop:1", 2, 600));
        await("quota usage counted", Duration.ofSeconds(10), () -> {
            var quota = client.resourceQuotas().inNamespace(ns).withName("compute").get();
            return quota.getStatus() != null && quota.getStatus().getUsed() != null
                    && "2".equals(quota.getStatus().getUsed().get("pods").toString())
                    && "200m".equals(quota.getStatus().getUsed().get("requests.cpu").toString());
        });

        client.apps().deployments().inNamespace(ns).withName("web").edit(d -> {
            d.getSpec().getTemplate().getSpec().getContainers().getFirst().setImage("shop:2");
            return d;
        });

        await("ReplicaFailure on the new ReplicaSet", Duration.ofSeconds(20), () ->
                client.apps().replicaSets().inNamespace(ns).list().getItems().stream().anyMatch(rs ->
                        rs.getStatus() != null && rs.getStatus().getConditions() != null
                                && rs.getStatus().getConditions().stream().anyMatch(c ->
                                "ReplicaFailure".equals(c.getType()) && "FailedCreate".equals(c.getReason())
                                        && c.getMessage().contains("exceeded quota: compute"))));
        await("FailedCreate event", Duration.ofSeconds(10), () -> client.v1().events().inNamespace(ns).list()
                .getItems().stream().anyMatch(e -> "FailedCreate".equals(e.getReason())
                        && e.getMessage().contains("forbidden: exceeded quota: compute, requested: pods=1")));
        assertThat(available("web")).isEqualTo(2);
    }

    @Test
    void running_pods_publish_metrics_that_follow_the_apps_load() {
        deployAndAwaitReady(app("web", "shop:1", 2, 600));
        sandbox.setLoad(ns, "web", 0.5);
        await("pod metrics", Duration.ofSeconds(10), () -> {
            var metrics = client.top().pods().metrics(ns).getItems();
            return metrics.size() == 2 && metrics.stream().allMatch(m -> {
                long cpu = m.getContainers().getFirst().getUsage().get("cpu").getNumericalAmount()
                        .multiply(java.math.BigDecimal.valueOf(1000)).longValue();
                return cpu >= 40 && cpu <= 60;
            });
        });
        // one pod by name, and the list of every namespace narrowed by label, as the portal's sampler asks
        String pod = client.pods().inNamespace(ns).list().getItems().getFirst().getMetadata().getName();
        var one = client.top().pods().metrics(ns, pod);
        assertThat(one.getMetadata().getName()).isEqualTo(pod);
        assertThat(one.getContainers().getFirst().getUsage()).containsKeys("cpu", "memory");
        String all = client.raw("/apis/metrics.k8s.io/v1beta1/pods?labelSelector=app%3Dweb");
        var listed = io.fabric8.kubernetes.client.utils.Serialization.unmarshal(all,
                io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetricsList.class).getItems().stream()
                .filter(m -> m.getMetadata().getNamespace().equals(ns)).toList();
        assertThat(listed).hasSize(2).allSatisfy(m -> assertThat(m.getMetadata().getLabels()).containsEntry("app", "web"));
        String none = client.raw("/apis/metrics.k8s.io/v1beta1/namespaces/" + ns + "/pods?labelSelector=app%3Dother");
        assertThat(io.fabric8.kubernetes.client.utils.Serialization.unmarshal(none,
                io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetricsList.class).getItems()).isEmpty();
    }

    @Test
    void the_autoscaler_adds_replicas_under_load_and_an_apply_without_replicas_keeps_them() {
        Deployment web = app("web", "shop:1", 2, 600);
        web.getSpec().setReplicas(null);
        client.resource(web).fieldManager("nonstop").serverSideApply();
        client.resource(new io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder()
                .withNewMetadata().withName("web").withNamespace(ns).endMetadata().withNewSpec()
                .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName("web")
                .endScaleTargetRef().withMinReplicas(2).withMaxReplicas(4)
                .addNewMetric().withType("Resource").withNewResource().withName("cpu").withNewTarget()
                .withType("Utilization").withAverageUtilization(60).endTarget().endResource().endMetric()
                .endSpec().build()).create();
        client.apps().deployments().inNamespace(ns).withName("web").patch(
                io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                        io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":2}}");
        await("2 available", Duration.ofSeconds(20), () -> available("web") == 2);
        sandbox.setLoad(ns, "web", 1.5);
        await("scaled to 4 by the HPA", Duration.ofSeconds(30), () -> read("web").getSpec().getReplicas() == 4);

        Deployment reapplied = app("web", "shop:1", 2, 600);
        reapplied.getSpec().setReplicas(null);
        reapplied.getMetadata().setLabels(Map.of("release", "2"));
        client.resource(reapplied).fieldManager("nonstop").forceConflicts().serverSideApply();
        assertThat(read("web").getSpec().getReplicas()).isEqualTo(4);
        await("the HPA reports 4 desired", Duration.ofSeconds(10), () -> {
            var hpa = client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns).withName("web").get();
            return hpa.getStatus() != null && Integer.valueOf(4).equals(hpa.getStatus().getDesiredReplicas());
        });
    }

    @Test
    void a_deployment_that_cannot_progress_reports_progress_deadline_exceeded() {
        client.resource(app("broken", "shop-crash:1", 2, 30)).create();
        await("ProgressDeadlineExceeded", Duration.ofSeconds(30), () -> {
            Deployment d = read("broken");
            return d.getStatus() != null && d.getStatus().getConditions() != null && d.getStatus().getConditions()
                    .stream().anyMatch(c -> "Progressing".equals(c.getType()) && "False".equals(c.getStatus())
                            && "ProgressDeadlineExceeded".equals(c.getReason()));
        });
        assertThat(pods("broken")).allSatisfy(p -> assertThat(p.getStatus().getContainerStatuses().getFirst()
                .getState().getWaiting().getReason()).isEqualTo("CrashLoopBackOff"));
    }
}

package dev.nonstop.metrics.internal;

import static dev.nonstop.testsupport.Eventually.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nonstop.metrics.Metric;
import dev.nonstop.metrics.Series;
import dev.nonstop.metrics.TimeRange;
import dev.nonstop.sandbox.Sandbox;
import dev.nonstop.sandbox.SandboxSettings;
import dev.nonstop.testsupport.PrometheusServer;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The portal's PromQL against a real Prometheus scraping the sandbox as it would a cluster (service
 * discovery, cAdvisor and kube-state-metrics names, the apps' own request histograms): every query
 * answers, the numbers follow the sandbox's knobs, and a Prometheus that does not answer says so.
 */
class PrometheusMetricsTest {

    static final String NS = "t-prom";
    static final Duration SCRAPED = Duration.ofSeconds(90);
    static Sandbox sandbox;
    static KubernetesClient client;
    static PrometheusServer prometheus;
    static PrometheusMetrics source;

    @BeforeAll
    static void start() {
        SandboxSettings d = SandboxSettings.defaults();
        sandbox = Sandbox.start(new SandboxSettings(4, 2, d.nodeCpuMilli(), d.nodeMemoryMib(), d.nodePods(),
                Duration.ofSeconds(2), 0.0, 20.0, 0, d.tick()));
        client = sandbox.newClient();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
                .create();
        client.resource(new io.fabric8.kubernetes.api.model.ResourceQuotaBuilder().withNewMetadata()
                .withName("compute").withNamespace(NS).endMetadata().withNewSpec()
                .addToHard("pods", new Quantity("10")).addToHard("requests.cpu", new Quantity("2")).endSpec()
                .build()).create();
        for (String app : List.of("web", "web-api")) {
            Map<String, String> labels = Map.of("app.kubernetes.io/instance", app,
                    "app.kubernetes.io/managed-by", "nonstop");
            client.resource(new DeploymentBuilder().withNewMetadata().withName(app).withNamespace(NS)
                    .withLabels(labels).endMetadata().withNewSpec().withReplicas(2)
                    .withNewSelector().withMatchLabels(labels).endSelector()
                    .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata().withNewSpec()
                    .addNewContainer().withName("app").withImage("shop:1")
                    .withNewResources().addToRequests("cpu", new Quantity("200m"))
                    .addToRequests("memory", new Quantity("256Mi")).addToLimits("memory", new Quantity("512Mi"))
                    .endResources()
                    .withNewReadinessProbe().withNewHttpGet().withPath("/").withPort(new IntOrString(8080))
                    .endHttpGet().endReadinessProbe()
                    .endContainer().endSpec().endTemplate().endSpec().build()).create();
        }
        within(Duration.ofSeconds(60), () -> assertThat(client.pods().inNamespace(NS).list().getItems())
                .hasSize(4).allSatisfy(p -> assertThat(p.getStatus().getPhase()).isEqualTo("Running")));
        prometheus = PrometheusServer.scraping(sandbox);
        source = new PrometheusMetrics(prometheus.url(), "", Duration.ZERO, Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
        if (client != null) {
            client.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private static List<Series> web(Metric metric) {
        return source.query(NS, List.of("web", "web-api"), metric, TimeRange.MINUTES_15, Instant.now())
                .getOrDefault("web", List.of());
    }

    /** What Prometheus sees, for a failure message: its targets and their last errors. */
    static String diagnose() {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(prometheus.url()
                    + "/api/v1/targets")).build(), HttpResponse.BodyHandlers.ofString()).body() + "\n" + prometheus.log();
        } catch (Exception e) {
            return e.toString();
        }
    }

    static void scraped(Runnable assertion) {
        try {
            within(SCRAPED, assertion);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nPrometheus: " + diagnose(), e);
        }
    }

    @Test
    void every_query_answers_and_the_app_has_real_series() {
        scraped(() -> {
            assertThat(web(Metric.CPU)).as("CPU per pod").hasSize(2).allSatisfy(s -> assertThat(s.last()).isPositive());
            assertThat(web(Metric.MEMORY)).as("memory per pod").hasSize(2)
                    .allSatisfy(s -> assertThat(s.last()).isBetween(100.0, 512.0));
            assertThat(web(Metric.REQUESTS)).as("requests/s").singleElement()
                    .satisfies(s -> assertThat(s.last()).isPositive());
            assertThat(web(Metric.ERRORS)).as("error %").singleElement()
                    .satisfies(s -> assertThat(s.last()).isZero());
            assertThat(web(Metric.LATENCY_P95)).as("p95 ms").singleElement()
                    .satisfies(s -> assertThat(s.last()).isBetween(10.0, 1000.0));
            assertThat(web(Metric.REPLICAS)).extracting(Series::label, Series::last).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("desired", 2.0),
                    org.assertj.core.groups.Tuple.tuple("ready", 2.0));
            assertThat(web(Metric.RESTARTS)).hasSize(2);
        });
        // the other app's pods ("web-api-…") are never counted as "web"'s
        assertThat(web(Metric.CPU)).extracting(Series::label).allSatisfy(pod -> assertThat(pod)
                .doesNotStartWith("web-api-"));
        // every range is a valid query
        for (TimeRange range : TimeRange.values()) {
            for (Metric metric : Metric.values()) {
                source.query(NS, List.of("web"), metric, range, Instant.now());
            }
        }
    }

    @Test
    void the_tenants_quota_use_over_time_is_a_percent_of_each_limit() {
        // 4 pods of 10, 4 x 200m of 2 CPUs reserved
        scraped(() -> assertThat(source.query(NS, List.of(Metric.TENANT), Metric.QUOTA, TimeRange.MINUTES_15,
                Instant.now()).getOrDefault(Metric.TENANT, List.of())).extracting(Series::label, Series::last)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("pods", 40.0),
                        org.assertj.core.groups.Tuple.tuple("requests.cpu", 40.0)));
        // another namespace's quota is never part of the answer
        assertThat(source.query("t-other", List.of(Metric.TENANT), Metric.QUOTA, TimeRange.MINUTES_15,
                Instant.now())).isEmpty();
    }

    @Test
    void raising_the_load_raises_requests_and_cpu_and_the_error_knob_shows_as_errors() {
        scraped(() -> assertThat(web(Metric.REQUESTS)).singleElement()
                .satisfies(s -> assertThat(s.last()).isPositive()));
        double requests = web(Metric.REQUESTS).getFirst().last();
        double cpu = web(Metric.CPU).stream().mapToDouble(Series::last).sum();
        sandbox.setLoad(NS, "web", 3.0);
        sandbox.setErrorShare(NS, "web", 0.25);
        try {
            scraped(() -> {
                assertThat(web(Metric.REQUESTS).getFirst().last()).isGreaterThan(requests * 2);
                assertThat(web(Metric.CPU).stream().mapToDouble(Series::last).sum()).isGreaterThan(cpu * 2);
                assertThat(web(Metric.ERRORS).getFirst().last()).isGreaterThan(5.0);
            });
        } finally {
            sandbox.setLoad(NS, "web", 0.3);
            sandbox.setErrorShare(NS, "web", 0);
        }
    }

    /** Runs an instant query on the test's Prometheus; returns its result array. */
    static tools.jackson.databind.JsonNode instant(String promql) throws Exception {
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(prometheus.url()
                + "/api/v1/query?query=" + java.net.URLEncoder.encode(promql, java.nio.charset.StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        tools.jackson.databind.JsonNode answer = tools.jackson.databind.json.JsonMapper.builder().build().readTree(body);
        assertThat(answer.path("status").asString()).as(promql + "\n" + body).isEqualTo("success");
        return answer.path("data").path("result");
    }

    /** Every query of the Grafana dashboards and the alerting rules runs against a real Prometheus. */
    @Test
    void every_dashboard_and_rule_query_runs() throws Exception {
        scraped(() -> assertThat(web(Metric.REQUESTS)).singleElement().satisfies(s -> assertThat(s.last()).isPositive()));
        java.util.List<String> exprs = new java.util.ArrayList<>();
        for (var dashboard : dev.nonstop.metrics.GrafanaDashboardsTest.dashboards()) {
            exprs.addAll(dev.nonstop.metrics.GrafanaDashboardsTest.expressions(dashboard));
        }
        assertThat(exprs).hasSizeGreaterThan(20);
        java.util.Map<String, Object> rules = new org.yaml.snakeyaml.Yaml().load(java.nio.file.Files.readString(
                java.nio.file.Path.of("monitoring/prometheus/nonstop-rules.yml")));
        for (Object group : (java.util.List<?>) rules.get("groups")) {
            for (Object rule : (java.util.List<?>) ((java.util.Map<?, ?>) group).get("rules")) {
                exprs.add(String.valueOf(((java.util.Map<?, ?>) rule).get("expr")));
            }
        }
        for (String expr : exprs) {
            instant(expr.replace("$namespace", NS).replace("$app", "web").replace("$__rate_interval", "1m"));
        }
        // the tenant dashboard's traffic panel has the sandbox app's real series
        String requests = dev.nonstop.metrics.GrafanaDashboardsTest.expressions(
                dev.nonstop.metrics.GrafanaDashboardsTest.dashboards().get(1)).get(2);
        assertThat(instant(requests.replace("$namespace", NS).replace("$app", "web")
                .replace("$__rate_interval", "1m"))).isNotEmpty();
    }

    @Test
    void a_prometheus_that_does_not_answer_is_said_to_be_down() {
        PrometheusMetrics nowhere = new PrometheusMetrics("http://127.0.0.1:1", "", Duration.ZERO,
                Duration.ofSeconds(2));
        assertThatThrownBy(() -> nowhere.query(NS, List.of("web"), Metric.CPU, TimeRange.MINUTES_15, Instant.now()))
                .isInstanceOfSatisfying(MetricsUnavailable.class,
                        e -> assertThat(e.why().key()).isEqualTo("metrics.prometheus.down"));
    }

    @Test
    void the_sandboxs_targets_want_its_token() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(sandbox.metricsDiscoveryUrl()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        HttpResponse<String> listed = http.send(HttpRequest.newBuilder(URI.create(sandbox.metricsDiscoveryUrl()))
                .header("Authorization", "Bearer " + sandbox.token()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(listed.body()).contains("\"namespace\":\"t-prom\"", "/kube-state-metrics", "/cadvisor");
    }
}

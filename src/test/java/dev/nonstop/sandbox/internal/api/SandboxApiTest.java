package dev.nonstop.sandbox.internal.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sandbox API behaves like an API server where the portal relies on it. */
class SandboxApiTest {

    static SandboxApiServer server;
    static KubernetesClient client;
    String ns;

    @BeforeAll
    static void start() {
        server = SandboxApiServer.start(Clock.systemUTC(), 0);
        client = server.newClient();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @BeforeEach
    void namespace() {
        ns = "t-" + UUID.randomUUID().toString().substring(0, 8);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
                .create();
    }

    private Deployment deployment(Integer replicas, Map<String, String> labels) {
        return new DeploymentBuilder().withNewMetadata().withName("web").withNamespace(ns).withLabels(labels)
                .endMetadata().withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", "web")
                .endSelector().withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("shop:1").endContainer().endSpec()
                .endTemplate().endSpec().build();
    }

    private Deployment apply(Deployment d, boolean force) {
        var resource = client.resource(d).fieldManager("nonstop");
        return force ? resource.forceConflicts().serverSideApply() : resource.serverSideApply();
    }

    /** A plain (non-apply) write by another field manager, as the HPA controller makes it. */
    private void scaleAs(String manager, int replicas) {
        client.apps().deployments().inNamespace(ns).withName("web").patch(new PatchContext.Builder()
                .withPatchType(PatchType.JSON_MERGE).withFieldManager(manager).build(),
                "{\"spec\":{\"replicas\":" + replicas + "}}");
    }

    private Deployment read() {
        return client.apps().deployments().inNamespace(ns).withName("web").get();
    }

    @Test
    void apply_creates_an_absent_object_owned_by_its_field_manager() {
        Deployment created = apply(deployment(2, Map.of("tier", "free")), false);
        assertThat(created.getMetadata().getUid()).isNotBlank();
        assertThat(read().getSpec().getReplicas()).isEqualTo(2);
        assertThat(read().getMetadata().getManagedFields()).singleElement().satisfies(f -> {
            assertThat(f.getManager()).isEqualTo("nonstop");
            assertThat(f.getOperation()).isEqualTo("Apply");
        });
    }

    @Test
    void fields_a_manager_stops_sending_are_removed_by_its_next_apply() {
        apply(deployment(2, Map.of("tier", "free", "team", "a")), false);
        apply(deployment(2, Map.of("tier", "free")), false);
        assertThat(read().getMetadata().getLabels()).containsExactly(Map.entry("tier", "free"));
    }

    @Test
    void fields_another_manager_owns_are_kept_when_the_applier_does_not_send_them() {
        apply(deployment(null, Map.of()), false);
        scaleAs("horizontal-pod-autoscaler", 5);

        apply(deployment(null, Map.of("rev", "2")), false);

        assertThat(read().getSpec().getReplicas()).isEqualTo(5);
        assertThat(read().getMetadata().getLabels()).containsEntry("rev", "2");
    }

    @Test
    void changing_a_field_another_manager_owns_is_a_conflict_unless_forced() {
        apply(deployment(2, Map.of()), false);
        scaleAs("horizontal-pod-autoscaler", 5);

        assertThatThrownBy(() -> apply(deployment(2, Map.of()), false))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("horizontal-pod-autoscaler").contains(".spec.replicas");
                });
        assertThat(read().getSpec().getReplicas()).isEqualTo(5);

        apply(deployment(2, Map.of()), true);
        assertThat(read().getSpec().getReplicas()).isEqualTo(2);
    }

    @Test
    void a_main_resource_update_keeps_the_status() {
        apply(deployment(2, Map.of()), false);
        client.apps().deployments().inNamespace(ns).withName("web").editStatus(d -> {
            d.setStatus(new DeploymentStatusBuilder().withReadyReplicas(2).withReplicas(2).build());
            return d;
        });
        Deployment withoutStatus = read();
        withoutStatus.setStatus(null);
        withoutStatus.getMetadata().getLabels().put("edited", "yes");
        client.resource(withoutStatus).update();

        assertThat(read().getStatus().getReadyReplicas()).isEqualTo(2);
        assertThat(read().getMetadata().getLabels()).containsEntry("edited", "yes");
        apply(deployment(3, Map.of()), true);
        assertThat(read().getStatus().getReadyReplicas()).isEqualTo(2);
    }

    @Test
    void deleting_an_owner_deletes_its_dependents() {
        Deployment owner = apply(deployment(2, Map.of()), false);
        ConfigMap dependent = new ConfigMapBuilder().withNewMetadata().withName("child").withNamespace(ns)
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("Deployment")
                        .withName("web").withUid(owner.getMetadata().getUid()).build())
                .endMetadata().addToData("k", "v").build();
        client.resource(dependent).create();
        client.resource(new ConfigMapBuilder().withNewMetadata().withName("bystander").withNamespace(ns)
                .endMetadata().build()).create();

        client.apps().deployments().inNamespace(ns).withName("web").delete();

        assertThat(client.configMaps().inNamespace(ns).withName("child").get()).isNull();
        assertThat(client.configMaps().inNamespace(ns).withName("bystander").get()).isNotNull();
    }

    @Test
    void deleting_a_namespace_deletes_everything_in_it() {
        apply(deployment(2, Map.of()), false);
        client.resource(new ConfigMapBuilder().withNewMetadata().withName("cm").withNamespace(ns).endMetadata()
                .build()).create();
        client.namespaces().withName(ns).delete();
        assertThat(client.apps().deployments().inNamespace(ns).list().getItems()).isEmpty();
        assertThat(client.configMaps().inNamespace(ns).list().getItems()).isEmpty();
    }

    @Test
    void objects_cannot_be_created_in_a_namespace_that_does_not_exist() {
        ConfigMap orphan = new ConfigMapBuilder().withNewMetadata().withName("cm").withNamespace("no-such-ns")
                .endMetadata().build();
        assertThatThrownBy(() -> client.resource(orphan).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(404));
        assertThatThrownBy(() -> client.resource(orphan).fieldManager("nonstop").serverSideApply())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(404));
    }

    @Test
    void a_slowed_api_answers_late_and_heals() {
        server.dispatcher().setDelay(java.time.Duration.ofMillis(300));
        try {
            long start = System.nanoTime();
            client.namespaces().withName(ns).get();
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(300);
        } finally {
            server.dispatcher().setDelay(java.time.Duration.ZERO);
        }
        long start = System.nanoTime();
        client.namespaces().withName(ns).get();
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(300);
    }

    @Test
    void discovery_answers_like_an_api_server() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String version = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/version")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(version).contains("\"gitVersion\":\"" + Discovery.GIT_VERSION + "\"");
        String core = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/v1"))
                .header("Authorization", "Bearer " + server.token()).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(core).contains("\"kind\":\"APIResourceList\"").contains("\"name\":\"pods\"");
        String groups = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/apis"))
                .header("Authorization", "Bearer " + server.token()).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(groups).contains("\"name\":\"apps\"").contains("tekton.dev/v1");
        assertThat(client.getKubernetesVersion().getGitVersion()).isEqualTo(Discovery.GIT_VERSION);
    }

    @Test
    void callers_without_the_token_are_refused_and_change_nothing() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String namespace = "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"intruder\"}}";
        for (String authorization : new String[] {null, "Bearer wrong", "Basic " + server.token()}) {
            HttpRequest.Builder list = HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/namespaces"));
            HttpRequest.Builder create = HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/namespaces"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(namespace));
            if (authorization != null) {
                list.header("Authorization", authorization);
                create.header("Authorization", authorization);
            }
            HttpResponse<String> read = http.send(list.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(read.statusCode()).as(String.valueOf(authorization)).isEqualTo(401);
            assertThat(read.body()).doesNotContain("\"items\"");
            assertThat(http.send(create.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        }
        assertThat(client.namespaces().withName("intruder").get()).isNull();
        // health and version stay open, as on a real cluster
        assertThat(http.send(HttpRequest.newBuilder(URI.create(server.url() + "/version")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(server.url() + "/readyz")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }
}

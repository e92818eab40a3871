package dev.nonstop.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nonstop.sandbox.Sandbox;
import dev.nonstop.sandbox.SandboxSettings;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The registry holds one cluster-wide watch per kind, however many tenant namespaces there are. */
class InformerRegistryTest {

    static Sandbox sandbox;
    static KubernetesClient client;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxSettings.defaults());
        client = sandbox.newClient();
    }

    @AfterAll
    static void stop() {
        client.close();
        sandbox.close();
    }

    private static Deployment deployment(String namespace, boolean managed) {
        Map<String, String> labels = managed ? KubeLabels.standard(namespace, "web", "web") : Map.of("app", "web");
        return new DeploymentBuilder().withNewMetadata().withName("web").withNamespace(namespace)
                .withLabels(labels).endMetadata().withNewSpec().withReplicas(0).withNewSelector()
                .addToMatchLabels("app", "web").endSelector().withNewTemplate().withNewMetadata()
                .addToLabels("app", "web").endMetadata().withNewSpec().addNewContainer().withName("app")
                .withImage("shop:1").endContainer().endSpec().endTemplate().endSpec().build();
    }

    private static void namespace(String name) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
                .create();
    }

    static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void one_watch_per_kind_covers_every_namespace_and_sees_only_managed_objects() throws Exception {
        for (int i = 0; i < 40; i++) {
            namespace("t-many-" + i);
            client.resource(deployment("t-many-" + i, true)).create();
        }
        namespace("t-foreign");
        client.resource(deployment("t-foreign", false)).create();
        List<ClusterChange<?>> changes = new CopyOnWriteArrayList<>();
        int watchesBefore = sandbox.watchRequests("apps/deployments");

        try (InformerRegistry registry = new InformerRegistry(client, event -> {
            if (event instanceof ClusterChange<?> change) {
                changes.add(change);
            }
        })) {
            ClusterCache<Deployment> cache = registry.managed(Deployment.class);
            await("initial sync", cache::hasSynced);
            assertThat(registry.managed(Deployment.class).size()).isEqualTo(40);
            assertThat(cache.get("t-foreign", "web")).isEmpty();
            assertThat(cache.inNamespace("t-many-7")).hasSize(1);

            namespace("t-late");
            client.resource(deployment("t-late", true)).create();
            await("the new namespace's deployment", () -> cache.get("t-late", "web").isPresent());

            assertThat(registry.watchCount()).isEqualTo(1);
            assertThat(sandbox.watchRequests("apps/deployments") - watchesBefore).isEqualTo(1);
            assertThat(changes).filteredOn(c -> c.type() == ClusterChange.Type.ADDED).hasSize(41)
                    .anySatisfy(c -> assertThat(c.namespace()).isEqualTo("t-late"));
        }
    }
}

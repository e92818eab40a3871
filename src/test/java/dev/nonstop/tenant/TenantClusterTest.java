package dev.nonstop.tenant;

import static dev.nonstop.testsupport.Eventually.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nonstop.common.TenantSlug;
import dev.nonstop.kube.Applier;
import dev.nonstop.kube.KubeLabels;
import dev.nonstop.kube.PodSecurityViolation;
import dev.nonstop.security.SignUpResult;
import dev.nonstop.tenant.internal.TenantEntity;
import dev.nonstop.tenant.internal.TenantReconciler;
import dev.nonstop.tenant.internal.TenantRepository;
import dev.nonstop.testsupport.Fixtures;
import dev.nonstop.testsupport.IntegrationTest;
import dev.nonstop.testsupport.Workloads;
import dev.nonstop.tier.DowngradeRefused;
import dev.nonstop.tier.Tier;
import dev.nonstop.tier.TierCode;
import dev.nonstop.tier.TierLimits;
import dev.nonstop.tier.TierService;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Tenants in the (sandbox) cluster: provisioning, drift correction, live tier changes, deletion. */
@IntegrationTest
class TenantClusterTest {

    static final Duration SECONDS = Duration.ofSeconds(10);

    @Autowired
    Fixtures fixtures;
    @Autowired
    TenantService tenants;
    @Autowired
    TierService tiers;
    @Autowired
    TenantReconciler reconciler;
    @Autowired
    KubernetesClient cluster;
    @Autowired
    Applier applier;
    @Autowired
    TenantRepository repository;

    @AfterEach
    void signOut() {
        fixtures.signOut();
    }

    /** The pods limit of the tenant's quota in the cluster. */
    private int hardPods(String ns) {
        return cluster.resourceQuotas().inNamespace(ns).withName("tenant-quota").get().getSpec().getHard().get("pods")
                .getNumericalAmount().intValue();
    }

    private String provisioned(SignUpResult tenant) {
        String ns = tenant.slug().namespace();
        // the reconciler applies the objects one after the other: wait for the whole set, not the first
        within(SECONDS, () -> {
            assertThat(cluster.resourceQuotas().inNamespace(ns).withName("tenant-quota").get()).isNotNull();
            assertThat(cluster.limitRanges().inNamespace(ns).list().getItems()).isNotEmpty();
            assertThat(cluster.network().v1().networkPolicies().inNamespace(ns).list().getItems()).hasSize(6);
            assertThat(cluster.serviceAccounts().inNamespace(ns).withName("nonstop-app").get()).isNotNull();
        });
        return ns;
    }

    @Test
    void a_new_tenant_gets_exactly_the_isolation_contract_objects() {
        SignUpResult tenant = fixtures.newTenant();
        String ns = provisioned(tenant);
        Tier free = tiers.byCode(TierCode.FREE);

        Namespace namespace = cluster.namespaces().withName(ns).get();
        assertThat(namespace.getMetadata().getLabels()).containsEntry("pod-security.kubernetes.io/enforce",
                "restricted").containsEntry(KubeLabels.TENANT, ns.substring(2));
        Map<String, Quantity> hard = cluster.resourceQuotas().inNamespace(ns).withName("tenant-quota").get()
                .getSpec().getHard();
        assertThat(hard.get("pods").getNumericalAmount().intValue()).isEqualTo(free.limits().quotaPods());
        assertThat(hard.get("requests.cpu")).isEqualTo(new Quantity(free.limits().quotaCpuRequestsMilli() + "m"));
        assertThat(hard.get("persistentvolumeclaims")).isEqualTo(new Quantity("0"));
        assertThat(cluster.limitRanges().inNamespace(ns).list().getItems()).extracting(l -> l.getMetadata().getName())
                .containsExactly("tenant-limits");
        assertThat(cluster.network().v1().networkPolicies().inNamespace(ns).list().getItems())
                .extracting(p -> p.getMetadata().getName()).containsExactlyInAnyOrder("default-deny", "allow-dns",
                        "allow-same-tenant", "allow-ingress-controller", "allow-monitoring", "allow-internet-egress");
        assertThat(cluster.serviceAccounts().inNamespace(ns).withName("nonstop-app").get()
                .getAutomountServiceAccountToken()).isFalse();
    }

    @Test
    void deleted_or_edited_objects_come_back_within_seconds() {
        String ns = provisioned(fixtures.newTenant());
        String slug = ns.substring(2);

        cluster.resourceQuotas().inNamespace(ns).withName("tenant-quota").delete();
        within(SECONDS, () -> assertThat(cluster.resourceQuotas().inNamespace(ns).withName("tenant-quota").get())
                .isNotNull());

        cluster.resourceQuotas().inNamespace(ns).withName("tenant-quota").patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"spec\":{\"hard\":{\"pods\":\"999\"}}}");
        within(SECONDS, () -> assertThat(hardPods(ns)).isEqualTo(tiers.byCode(TierCode.FREE).limits().quotaPods()));

        cluster.limitRanges().inNamespace(ns).withName("tenant-limits").delete();
        within(SECONDS, () -> assertThat(cluster.limitRanges().inNamespace(ns).withName("tenant-limits").get())
                .isNotNull());

        cluster.network().v1().networkPolicies().inNamespace(ns).withName("default-deny").delete();
        within(SECONDS, () -> assertThat(cluster.network().v1().networkPolicies().inNamespace(ns)
                .withName("default-deny").get()).isNotNull());
        cluster.network().v1().networkPolicies().inNamespace(ns).withName("allow-internet-egress")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"egress\":[{}]}}");
        within(SECONDS, () -> {
            NetworkPolicy egress = cluster.network().v1().networkPolicies().inNamespace(ns)
                    .withName("allow-internet-egress").get();
            assertThat(egress.getSpec().getEgress().getFirst().getTo()).isNotEmpty();
        });

        cluster.serviceAccounts().inNamespace(ns).withName("nonstop-app").delete();
        within(SECONDS, () -> assertThat(cluster.serviceAccounts().inNamespace(ns).withName("nonstop-app").get())
                .isNotNull());

        cluster.namespaces().withName(ns).patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"labels\":{\"pod-security.kubernetes.io/enforce\":\"privileged\"}}}");
        within(SECONDS, () -> assertThat(cluster.namespaces().withName(ns).get().getMetadata().getLabels())
                .containsEntry("pod-security.kubernetes.io/enforce", "restricted"));
        assertThat(reconciler.reconcile(new TenantSlug(slug))).isTrue();
    }

    @Test
    void a_tenant_that_lacks_its_objects_gets_them_when_the_portal_starts() {
        // a row saved while the cluster was away (no sign-up event reached the reconciler)
        long free = tiers.byCode(TierCode.FREE).id();
        String slug = "restored-" + Long.toString(System.nanoTime(), 36);
        repository.save(new TenantEntity(slug, "Restored Co", free, java.time.Instant.now()));
        assertThat(cluster.namespaces().withName("t-" + slug).get()).isNull();

        reconciler.reconcileAll();
        within(SECONDS, () -> {
            assertThat(cluster.namespaces().withName("t-" + slug).get()).isNotNull();
            assertThat(cluster.resourceQuotas().inNamespace("t-" + slug).withName("tenant-quota").get()).isNotNull();
        });
    }

    @Test
    void reconciling_again_changes_nothing() throws Exception {
        String ns = provisioned(fixtures.newTenant());
        reconciler.awaitIdle(SECONDS);
        String before = cluster.resourceQuotas().inNamespace(ns).withName("tenant-quota").get().getSpec().toString();
        String policies = cluster.network().v1().networkPolicies().inNamespace(ns).list().getItems().toString();
        reconciler.reconcile(new TenantSlug(ns.substring(2)));
        reconciler.reconcile(new TenantSlug(ns.substring(2)));
        assertThat(cluster.resourceQuotas().inNamespace(ns).withName("tenant-quota").get().getSpec().toString())
                .isEqualTo(before);
        assertThat(cluster.network().v1().networkPolicies().inNamespace(ns).list().getItems()).hasSize(6);
        assertThat(cluster.network().v1().networkPolicies().inNamespace(ns).list().getItems().toString()
                .replaceAll("resourceVersion=\\d+", "").replaceAll("time=[^,]+", ""))
                .isEqualTo(policies.replaceAll("resourceVersion=\\d+", "").replaceAll("time=[^,]+", ""));
    }

    @Test
    void a_tier_change_updates_the_live_quota_and_limits() {
        SignUpResult tenant = fixtures.newTenant();
        String ns = provisioned(tenant);
        fixtures.signInAs(Fixtures.ADMIN);
        tenants.changeTier(tenant.tenantId(), TierCode.PAID);
        TierLimits paid = tiers.byCode(TierCode.PAID).limits();
        within(SECONDS, () -> {
            ResourceQuota quota = cluster.resourceQuotas().inNamespace(ns).withName("tenant-quota").get();
            assertThat(quota.getSpec().getHard().get("pods").getNumericalAmount().intValue())
                    .isEqualTo(paid.quotaPods());
            assertThat(quota.getSpec().getHard().get("persistentvolumeclaims").getNumericalAmount().intValue())
                    .isEqualTo(paid.quotaPersistentVolumeClaims()).isPositive();
            assertThat(cluster.limitRanges().inNamespace(ns).withName("tenant-limits").get().getSpec().getLimits()
                    .getFirst().getMax().get("cpu")).isEqualTo(new Quantity(paid.largestSize().cpuLimitMilli() + "m"));
        });
    }

    @Test
    void a_change_of_a_tiers_limits_reaches_every_tenant_on_it() {
        String ns = provisioned(fixtures.newTenant());
        fixtures.signInAs(Fixtures.ADMIN);
        Tier free = tiers.byCode(TierCode.FREE);
        assertThat(tiers.tenantsOn(TierCode.FREE)).isPositive();
        TierLimits l = free.limits();
        TierLimits more = new TierLimits(l.maxApps(), l.minReplicas(), l.maxReplicas(), l.largestSize(),
                l.quotaCpuRequestsMilli(), l.quotaCpuLimitsMilli(), l.quotaMemoryRequestsMib(),
                l.quotaMemoryLimitsMib(), l.quotaPods() + 2, l.buildsPerDay(), l.concurrentBuilds(),
                l.assistantMessagesPerHour(), l.zonesPromised(), l.quotaServices(), l.quotaPersistentVolumeClaims(),
                l.quotaConfigObjects());
        Tier saved = tiers.updateLimits(TierCode.FREE, more, free.version());
        try {
            within(SECONDS, () -> assertThat(hardPods(ns)).isEqualTo(l.quotaPods() + 2));
        } finally {
            tiers.updateLimits(TierCode.FREE, l, saved.version());
        }
    }

    @Test
    void a_downgrade_that_running_apps_would_exceed_is_refused_with_numbers_unless_confirmed() {
        SignUpResult tenant = fixtures.newTenant();
        String ns = provisioned(tenant);
        fixtures.signInAs(Fixtures.ADMIN);
        tenants.changeTier(tenant.tenantId(), TierCode.PAID);
        within(SECONDS, () -> assertThat(hardPods(ns)).isGreaterThan(12));
        applier.apply(Workloads.restrictedApp(ns, "shop", 12));
        within(SECONDS, () -> assertThat(tenants.usage(tenant.tenantId())).filteredOn(u -> u.resource().equals("pods"))
                .singleElement().satisfies(u -> assertThat(u.used()).isEqualTo("12")));

        assertThatThrownBy(() -> tenants.changeTier(tenant.tenantId(), TierCode.FREE))
                .isInstanceOfSatisfying(DowngradeRefused.class, refused -> {
                    assertThat(refused.overages()).anySatisfy(o -> {
                        assertThat(o.resource()).isEqualTo("pods");
                        assertThat(o.used()).isEqualTo("12");
                        assertThat(o.newHard()).isEqualTo(String.valueOf(tiers.byCode(TierCode.FREE).limits()
                                .quotaPods()));
                        assertThat(o.apps()).singleElement().satisfies(a -> {
                            assertThat(a.app()).isEqualTo("shop");
                            assertThat(a.pods()).isEqualTo(12);
                            assertThat(a.cpuMilli()).isEqualTo(1200);
                        });
                    });
                    assertThat(refused.overages()).anySatisfy(o -> assertThat(o.resource()).isEqualTo("requests.cpu"));
                });
        assertThat(tenants.byId(tenant.tenantId()).tier().code()).isEqualTo(TierCode.PAID);

        tenants.changeTier(tenant.tenantId(), TierCode.FREE, true);
        assertThat(tenants.byId(tenant.tenantId()).tier().code()).isEqualTo(TierCode.FREE);
        assertThat(cluster.apps().deployments().inNamespace(ns).withName("shop").get().getSpec().getReplicas())
                .isEqualTo(tiers.byCode(TierCode.FREE).limits().maxReplicas());
    }

    @Test
    void lowering_a_tiers_limits_below_what_its_tenants_run_is_refused_with_the_numbers() {
        SignUpResult tenant = fixtures.newTenant();
        String ns = provisioned(tenant);
        applier.apply(Workloads.restrictedApp(ns, "cafe", 5));
        fixtures.signInAs(Fixtures.ADMIN);
        within(SECONDS, () -> assertThat(tenants.usage(tenant.tenantId()))
                .anySatisfy(u -> assertThat(u.used()).isEqualTo("5")));
        Tier free = tiers.byCode(TierCode.FREE);
        TierLimits l = free.limits();
        TierLimits smaller = new TierLimits(1, 2, 3, l.largestSize(), l.quotaCpuRequestsMilli(),
                l.quotaCpuLimitsMilli(), l.quotaMemoryRequestsMib(), l.quotaMemoryLimitsMib(), 4, l.buildsPerDay(),
                l.concurrentBuilds(), l.assistantMessagesPerHour(), l.zonesPromised(), l.quotaServices(),
                l.quotaPersistentVolumeClaims(), l.quotaConfigObjects());
        assertThat(smaller.problems()).isEmpty();
        assertThatThrownBy(() -> tiers.updateLimits(TierCode.FREE, smaller, free.version()))
                .isInstanceOfSatisfying(DowngradeRefused.class, refused -> assertThat(refused.overages())
                        .anySatisfy(o -> {
                            assertThat(o.tenant()).isEqualTo(tenant.slug().value());
                            assertThat(o.resource()).isEqualTo("pods");
                            assertThat(o.used()).isEqualTo("5");
                            assertThat(o.newHard()).isEqualTo("4");
                            assertThat(o.apps()).extracting(a -> a.app() + ":" + a.pods()).containsExactly("cafe:5");
                        }));
        assertThat(tiers.byCode(TierCode.FREE).version()).isEqualTo(free.version());
        assertThat(hardPods(ns)).isEqualTo(l.quotaPods());
        cluster.apps().deployments().inNamespace(ns).withName("cafe").delete();
    }

    @Test
    void every_tenant_namespace_carries_the_restricted_labels_and_a_violating_pod_never_reaches_the_cluster() {
        String ns = provisioned(fixtures.newTenant());
        assertThat(cluster.namespaces().withLabel(KubeLabels.TENANT).list().getItems()).isNotEmpty()
                .allSatisfy(n -> assertThat(n.getMetadata().getLabels())
                        .containsEntry("pod-security.kubernetes.io/enforce", "restricted")
                        .containsEntry("pod-security.kubernetes.io/warn", "restricted")
                        .containsEntry("pod-security.kubernetes.io/audit", "restricted"));

        Deployment root = Workloads.restrictedApp(ns, "rooted", 2);
        root.getSpec().getTemplate().getSpec().getContainers().getFirst().getSecurityContext().setPrivileged(true);
        root.getSpec().getTemplate().getSpec().setHostNetwork(true);
        assertThatThrownBy(() -> applier.apply(root)).isInstanceOfSatisfying(PodSecurityViolation.class,
                v -> assertThat(v.violations()).anyMatch(s -> s.contains("privileged"))
                        .anyMatch(s -> s.contains("hostNetwork")));
        assertThat(cluster.apps().deployments().inNamespace(ns).withName("rooted").get()).isNull();
    }

    @Test
    void deleting_a_tenant_needs_its_name_and_removes_the_namespace_accounts_and_rows() {
        SignUpResult tenant = fixtures.newTenant();
        String ns = provisioned(tenant);
        fixtures.signInAs(Fixtures.ADMIN);
        tenants.changeTier(tenant.tenantId(), TierCode.PAID);
        applier.apply(Workloads.restrictedApp(ns, "blog", 2));
        String name = tenants.byId(tenant.tenantId()).name();
        fixtures.signOut();

        fixtures.signInAs(tenant.email().value());
        assertThatThrownBy(() -> tenants.delete(tenant.tenantId(), "not the name"))
                .isInstanceOfSatisfying(dev.nonstop.common.UserError.class,
                        e -> assertThat(e.key()).isEqualTo("tenant.delete.name-mismatch"));
        TenantDeletion deletion = tenants.delete(tenant.tenantId(), name);
        fixtures.signOut();

        assertThat(deletion.namespace()).isEqualTo(ns);
        assertThat(deletion.objects()).containsKeys("Deployment", "ResourceQuota", "NetworkPolicy");
        assertThat(deletion.accounts()).isEqualTo(1);
        within(SECONDS, () -> assertThat(cluster.namespaces().withName(ns).get()).isNull());
        assertThat(cluster.apps().deployments().inNamespace(ns).list().getItems()).isEmpty();
        fixtures.signInAs(Fixtures.ADMIN);
        assertThatThrownBy(() -> tenants.byId(tenant.tenantId())).isInstanceOf(dev.nonstop.common.UserError.class);
        assertThat(tenants.all()).noneMatch(t -> t.id() == tenant.tenantId());
    }
}

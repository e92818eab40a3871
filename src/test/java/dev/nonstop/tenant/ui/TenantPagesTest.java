package dev.nonstop.tenant.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.nonstop.kube.Applier;
import dev.nonstop.security.SignUpResult;
import dev.nonstop.tenant.TenantService;
import dev.nonstop.tenant.TenantSummary;
import dev.nonstop.tenant.UpgradeRequest;
import dev.nonstop.tenant.UpgradeService;
import dev.nonstop.tenant.UpgradeState;
import dev.nonstop.testsupport.Fixtures;
import dev.nonstop.testsupport.UiTest;
import dev.nonstop.testsupport.Workloads;
import dev.nonstop.tier.TierCode;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;

/** The settings page's usage, upgrade and deletion parts, and the admin's tenant and upgrade pages. */
class TenantPagesTest extends UiTest {

    @Autowired Fixtures fixtures;
    @Autowired TenantService tenants;
    @Autowired UpgradeService upgrades;
    @Autowired Applier applier;
    @Autowired KubernetesClient cluster;

    @SuppressWarnings("unchecked")
    private static <T> List<T> rows(Grid<?> grid) {
        return (List<T>) grid.getGenericDataView().getItems().toList();
    }

    /** Waits for a text to appear, running the Push updates the informer sends meanwhile. */
    private void awaitText(String id, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            runPendingAccess();
            if ($(Span.class).withId(id).exists() && $(Span.class).id(id).getText().startsWith(expected)) {
                return;
            }
            assertThat(System.nanoTime()).as("'" + id + "' never showed " + expected
                    + ($(Span.class).withId(id).exists() ? ", it shows " + $(Span.class).id(id).getText() : ""))
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    @WithUserDetails(value = Fixtures.OWNER, userDetailsServiceBeanName = USERS)
    void owners_see_quota_usage_change_live_and_can_ask_for_the_paid_tier() throws Exception {
        navigate(SettingsView.class);
        awaitText("usage-pods", "0 of ");
        applier.apply(Workloads.restrictedApp("t-fixture-co", "live", 2));
        try {
            awaitText("usage-pods", "2 of ");
            assertThat($(Span.class).id("usage-requests.cpu").getText()).startsWith("0.2 of 1 CPU");
        } finally {
            cluster.apps().deployments().inNamespace("t-fixture-co").withName("live").delete();
        }
        awaitText("usage-pods", "0 of ");

        assertThat($(Paragraph.class).id("upgrade-state").getText()).contains("Free tier");
        test($(TextArea.class).id("upgrade-note")).setValue("Launching soon");
        test($(Button.class).id("upgrade-request")).click();
        assertThat($(Paragraph.class).id("upgrade-state").getText()).contains("waiting for a decision");
        assertThat($(Button.class).id("upgrade-request").isEnabled()).isFalse();
        assertThat($(Button.class).withId("delete-tenant").exists()).isTrue();
    }

    @Test
    @WithUserDetails(value = Fixtures.MEMBER, userDetailsServiceBeanName = USERS)
    void members_can_neither_ask_for_an_upgrade_nor_delete_the_tenant() {
        navigate(SettingsView.class);
        assertThat($(Button.class).withId("upgrade-request").exists()).isFalse();
        assertThat($(Button.class).withId("delete-tenant").exists()).isFalse();
    }

    @Test
    @WithUserDetails(value = Fixtures.ADMIN, userDetailsServiceBeanName = USERS)
    void admins_sort_by_usage_and_see_a_refused_downgrade_with_numbers_before_scaling_down() throws Exception {
        SignUpResult busy = fixtures.newTenant();
        tenants.changeTier(busy.tenantId(), TierCode.PAID);
        String ns = busy.slug().namespace();
        dev.nonstop.testsupport.Eventually.within(Duration.ofSeconds(10), () -> assertThat(cluster.resourceQuotas()
                .inNamespace(ns).withName("tenant-quota").get().getSpec().getHard().get("pods").getNumericalAmount()
                .intValue()).isGreaterThan(12));
        applier.apply(Workloads.restrictedApp(ns, "shop", 12));
        dev.nonstop.testsupport.Eventually.within(Duration.ofSeconds(10), () -> assertThat(tenants.usage(
                busy.tenantId())).anySatisfy(u -> assertThat(u.used()).isEqualTo("12")));

        TenantAdminView view = navigate(TenantAdminView.class);
        view.grid.sort(List.of(new com.vaadin.flow.component.grid.GridSortOrder<>(view.usageColumn,
                com.vaadin.flow.data.provider.SortDirection.DESCENDING)));
        List<TenantSummary> sorted = view.grid.getGenericDataView().getItems().toList();
        assertThat(sorted).extracting(TenantSummary::peakUsage).isSortedAccordingTo((a, b) -> b - a);
        TenantSummary row = sorted.stream().filter(t -> t.id() == busy.tenantId()).findFirst().orElseThrow();
        assertThat(row.peakUsage()).isPositive();

        view.changeTier(row, TierCode.FREE);
        ConfirmDialog dialog = $(ConfirmDialog.class).id("downgrade-dialog");
        assertThat(dialog.isOpened()).isTrue();
        assertThat($(Span.class).all()).extracting(Span::getText)
                .anyMatch(text -> text.contains("uses 12") && text.contains("shop: 12 pods, 1200m CPU"));
        // 12 replicas are also more than FREE lets one app have, quota or not
        assertThat($(Span.class).all()).extracting(Span::getText)
                .anyMatch(text -> text.contains("Replicas of one app") && text.contains("shop: 12"));
        assertThat(tenants.byId(busy.tenantId()).tier().code()).isEqualTo(TierCode.PAID);
        test(dialog).confirm();
        assertThat(tenants.byId(busy.tenantId()).tier().code()).isEqualTo(TierCode.FREE);
        assertThat(cluster.apps().deployments().inNamespace(ns).withName("shop").get().getSpec().getReplicas())
                .isEqualTo(3);
    }

    @Test
    @WithUserDetails(value = Fixtures.ADMIN, userDetailsServiceBeanName = USERS)
    void admins_delete_a_tenant_only_after_typing_its_name() {
        SignUpResult doomed = fixtures.newTenant();
        String name = tenants.byId(doomed.tenantId()).name();
        TenantAdminView view = navigate(TenantAdminView.class);
        view.confirmDelete(AdminViewsRows.row(view.grid, doomed.tenantId()));
        test($(TextField.class).id("delete-tenant-name")).setValue("wrong");
        test($(Button.class).id("delete-tenant-confirm")).click();
        assertThat(AdminViewsRows.ids(view.grid)).contains(doomed.tenantId());

        test($(TextField.class).id("delete-tenant-name")).setValue(name);
        test($(Button.class).id("delete-tenant-confirm")).click();
        assertThat(AdminViewsRows.ids(view.grid)).doesNotContain(doomed.tenantId());
    }

    @Test
    @WithUserDetails(value = Fixtures.ADMIN, userDetailsServiceBeanName = USERS)
    void admins_approve_and_deny_upgrade_requests_with_a_reason() {
        SignUpResult first = fixtures.newTenant();
        SignUpResult second = fixtures.newTenant();
        UpgradeRequest one = as(fixtures, first.email().value(), () -> upgrades.request("one"));
        UpgradeRequest two = as(fixtures, second.email().value(), () -> upgrades.request("two"));

        UpgradeAdminView view = navigate(UpgradeAdminView.class);
        assertThat(UpgradeAdminViewRows.ids(view.grid)).contains(one.id(), two.id());
        view.approve(one);
        assertThat(tenants.byId(first.tenantId()).tier().code()).isEqualTo(TierCode.PAID);

        view.denyDialog(two).open();
        test($(TextArea.class).id("deny-reason")).setValue("Company registration missing");
        test($(Button.class).id("deny-confirm")).click();
        assertThat(upgrades.latestOf(second.tenantId())).get().satisfies(r -> {
            assertThat(r.state()).isEqualTo(UpgradeState.DENIED);
            assertThat(r.reason()).isEqualTo("Company registration missing");
        });
        assertThat(UpgradeAdminViewRows.ids(view.grid)).doesNotContain(one.id(), two.id());
    }

    /** Row ids of the admin grids. */
    static final class AdminViewsRows {
        static TenantSummary row(Grid<TenantSummary> grid, long id) {
            return TenantPagesTest.<TenantSummary>rows(grid).stream().filter(t -> t.id() == id).findFirst()
                    .orElseThrow();
        }

        static List<Long> ids(Grid<TenantSummary> grid) {
            return TenantPagesTest.<TenantSummary>rows(grid).stream().map(TenantSummary::id).toList();
        }
    }

    static final class UpgradeAdminViewRows {
        static List<Long> ids(Grid<UpgradeRequest> grid) {
            return TenantPagesTest.<UpgradeRequest>rows(grid).stream().map(UpgradeRequest::id).toList();
        }
    }
}

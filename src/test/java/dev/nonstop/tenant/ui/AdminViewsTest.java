package dev.nonstop.tenant.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.grid.Grid;
import dev.nonstop.tenant.TenantService;
import dev.nonstop.tenant.TenantSummary;
import dev.nonstop.testsupport.Fixtures;
import dev.nonstop.testsupport.UiTest;
import dev.nonstop.tier.TierCode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;

@WithUserDetails(value = Fixtures.ADMIN, userDetailsServiceBeanName = UiTest.USERS)
class AdminViewsTest extends UiTest {

    @Autowired Fixtures fixtures;
    @Autowired TenantService tenants;

    @SuppressWarnings("unchecked")
    private static <T> List<T> rows(Grid<?> grid) {
        return (List<T>) grid.getGenericDataView().getItems().toList();
    }

    @Test
    void admins_see_every_tenant_with_tier_and_member_count() {
        TenantAdminView view = navigate(TenantAdminView.class);
        List<TenantSummary> rows = rows(view.grid);
        assertThat(rows).filteredOn(t -> t.slug().value().equals("fixture-co")).singleElement()
                .satisfies(t -> {
                    assertThat(t.members()).isEqualTo(2);
                    assertThat(t.tier()).isEqualTo(TierCode.FREE);
                });
    }

    @Test
    void changing_a_tier_from_the_tenant_list_takes_effect() {
        var tenant = fixtures.newTenant();
        TenantAdminView view = navigate(TenantAdminView.class);
        TenantSummary row = AdminViewsTest.<TenantSummary>rows(view.grid).stream()
                .filter(t -> t.id() == tenant.tenantId()).findFirst().orElseThrow();
        view.changeTier(row, TierCode.PAID);
        assertThat(tenants.byId(tenant.tenantId()).tier().code()).isEqualTo(TierCode.PAID);
        assertThat(AdminViewsTest.<TenantSummary>rows(view.grid)).filteredOn(t -> t.id() == tenant.tenantId())
                .singleElement().satisfies(t -> assertThat(t.tier()).isEqualTo(TierCode.PAID));
    }
}

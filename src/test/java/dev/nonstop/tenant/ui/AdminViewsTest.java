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
    void the_list_searches_by_url_name_or_company_and_says_how_many_it_shows() {
        TenantAdminView view = navigate(TenantAdminView.class);
        test(view.search).setValue("Fixture Op");
        assertThat(AdminViewsTest.<TenantSummary>rows(view.grid)).extracting(t -> t.slug().value())
                .containsExactly("fixture-ops");
        assertThat(view.count.getText()).startsWith("1 of ");
        test(view.search).setValue("");
        assertThat(AdminViewsTest.<TenantSummary>rows(view.grid)).hasSizeGreaterThan(2);
    }

    @Test
    void changing_a_tier_takes_an_explicit_choice_and_a_confirmation() {
        var tenant = fixtures.newTenant();
        TenantAdminView view = navigate(TenantAdminView.class);
        TenantSummary row = AdminViewsTest.<TenantSummary>rows(view.grid).stream()
                .filter(t -> t.id() == tenant.tenantId()).findFirst().orElseThrow();
        var dialog = view.tierDialog(row);
        dialog.open();
        com.vaadin.flow.component.button.Button confirm = $(com.vaadin.flow.component.button.Button.class)
                .id("tier-confirm");
        assertThat(confirm.isEnabled()).as("nothing to confirm until another tier is chosen").isFalse();
        test($(com.vaadin.flow.component.select.Select.class).id("tier-target")).selectItem("Paid");
        test(confirm).click();
        assertThat(tenants.byId(tenant.tenantId()).tier().code()).isEqualTo(TierCode.PAID);
        assertThat(AdminViewsTest.<TenantSummary>rows(view.grid)).filteredOn(t -> t.id() == tenant.tenantId())
                .singleElement().satisfies(t -> assertThat(t.tier()).isEqualTo(TierCode.PAID));
    }
}

package dev.nonstop.audit.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.textfield.TextField;
import dev.nonstop.audit.AuditEvent;
import dev.nonstop.security.SignUpResult;
import dev.nonstop.testsupport.Fixtures;
import dev.nonstop.testsupport.UiTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;

@WithUserDetails(value = Fixtures.ADMIN, userDetailsServiceBeanName = UiTest.USERS)
class AuditViewTest extends UiTest {

    @Autowired Fixtures fixtures;

    @Test
    void admins_filter_the_audit_trail_by_tenant_and_action() {
        SignUpResult tenant = fixtures.newTenant();
        AuditView view = navigate(AuditView.class);
        test($(TextField.class).withLabel("Tenant").single()).setValue(tenant.slug().value());
        List<AuditEvent> rows = view.grid.getGenericDataView().getItems().toList();
        assertThat(rows).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("tenant.signed-up");
            assertThat(e.actor()).isEqualTo(tenant.email().value());
        });
        // the action reads as words, in the reader's language; the code stays at hand
        assertThat(view.action("tenant.signed-up")).isEqualTo("Signed up");
        assertThat(view.action("some.future-action")).isEqualTo("some.future-action");
        test($(TextField.class).withLabel("What").single()).setValue("tier");
        assertThat(view.grid.getGenericDataView().getItems().toList()).isEmpty();
        com.vaadin.flow.component.UI.getCurrent().setLocale(java.util.Locale.KOREAN);
        AuditView korean = navigate(AuditView.class);
        assertThat(korean.action("app.deployed")).isEqualTo("앱 배포");
    }

    /** On a phone the grid is a list: one column of cards instead of five columns scrolled sideways. */
    @Test
    void on_a_phone_the_trail_is_a_list_of_cards() {
        fixtures.newTenant();
        AuditView view = navigate(AuditView.class);
        dev.nonstop.uikit.PhoneList.fit(view.grid, 390);
        assertThat(dev.nonstop.uikit.PhoneList.showsCards(view.grid)).isTrue();
        assertThat(view.grid.getColumns()).filteredOn(com.vaadin.flow.component.grid.Grid.Column::isVisible)
                .extracting(com.vaadin.flow.component.grid.Grid.Column::getKey).containsExactly("phone-card");
        dev.nonstop.uikit.PhoneList.fit(view.grid, 1280);
        assertThat(view.grid.getColumns()).filteredOn(com.vaadin.flow.component.grid.Grid.Column::isVisible)
                .hasSize(5);
    }
}

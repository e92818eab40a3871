package dev.nonstop.shell.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.sidenav.SideNavItem;
import dev.nonstop.app.ui.AppsView;
import dev.nonstop.build.ui.BuildsView;
import dev.nonstop.security.ui.SignUpView;
import com.vaadin.flow.component.html.H2;
import dev.nonstop.testsupport.Fixtures;
import dev.nonstop.testsupport.UiTest;
import dev.nonstop.tier.ui.TierAdminView;
import dev.nonstop.tenant.ui.TenantAdminView;
import dev.nonstop.audit.ui.AuditView;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithUserDetails;

class ShellTest extends UiTest {

    private List<String> navLabels() {
        return $(SideNavItem.class).all().stream().map(SideNavItem::getLabel).toList();
    }

    @Test
    @WithUserDetails(value = Fixtures.OWNER, userDetailsServiceBeanName = USERS)
    void a_signed_in_owner_lands_on_apps_with_a_call_to_deploy_and_sees_their_tenant_and_tier() {
        navigate(AppsView.class);
        assertThat($(Button.class).id("deploy-first-app").getText()).isEqualTo("Deploy your first app");
        assertThat($(Span.class).id("current-tenant").getText()).isEqualTo("Olivia Owner · Fixture Co (Free)");
        assertThat($(Div.class).id("cluster-banner").getText()).isEqualTo("Sandbox cluster: simulated, no real containers run.");
        assertThat(navLabels()).containsExactly("Apps", "Builds", "Monitoring", "Assistant", "Settings");
    }

    @Test
    @WithUserDetails(value = Fixtures.ADMIN, userDetailsServiceBeanName = USERS)
    void admins_get_the_admin_section() {
        navigate(AppsView.class);
        assertThat(navLabels()).contains("Admin", "Tenants", "Tiers", "Audit trail");
    }

    @Test
    @WithUserDetails(value = Fixtures.MEMBER, userDetailsServiceBeanName = USERS)
    void members_cannot_open_admin_screens_by_their_routes() {
        for (String route : new String[] {"admin/tiers", "admin/tenants", "admin/audit"}) {
            UI.getCurrent().navigate(route);
            assertThat(getCurrentView()).as(route)
                    .isNotInstanceOfAny(TierAdminView.class, TenantAdminView.class, AuditView.class);
        }
        assertThat($(TierAdminView.class).exists()).isFalse();
    }

    @Test
    @WithUserDetails(value = Fixtures.OWNER, userDetailsServiceBeanName = USERS)
    void the_portal_speaks_korean_to_a_korean_browser() {
        // The first view and layout were built in English when the test UI opened; a Korean browser
        // gets Korean from the first page on. Leave the layout, switch, and come back.
        navigate(SignUpView.class);
        UI.getCurrent().setLocale(Locale.KOREAN);
        navigate(BuildsView.class);
        assertThat($(com.vaadin.flow.component.button.Button.class).id("builds-new-app").getText())
                .isEqualTo("새 앱 배포");
        assertThat(navLabels()).containsExactly("앱", "빌드", "모니터링", "어시스턴트", "설정");
    }

    @Test
    @WithUserDetails(value = Fixtures.HTML_OWNER, userDetailsServiceBeanName = USERS)
    void html_in_names_is_shown_as_text_never_as_markup() {
        navigate(AppsView.class);
        Span who = $(Span.class).id("current-tenant");
        assertThat(who.getText()).contains(Fixtures.HTML_COMPANY).contains("<img src=x onerror=alert(1)>");
        // One text node, no elements: the browser gets it as text content, never as markup.
        assertThat(who.getElement().getChildCount()).isEqualTo(1);
        assertThat(who.getElement().getChild(0).isTextNode()).isTrue();
        assertThat(who.getElement().getProperty("innerHTML")).isNull();
    }
}

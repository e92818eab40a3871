package dev.nonstop.tenant.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Paragraph;
import dev.nonstop.app.ui.AppsView;
import dev.nonstop.testsupport.Fixtures;
import dev.nonstop.testsupport.UiTest;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;

/** Each tier's guarantee is said the same way on every page, and never more than the tier promises. */
@WithUserDetails(value = Fixtures.HTML_OWNER, userDetailsServiceBeanName = UiTest.USERS)
class TierPromiseTest extends UiTest {

    @Autowired Fixtures fixtures;

    @Test
    void a_free_tenant_is_promised_servers_not_zones_on_the_apps_page_and_in_settings() {
        fixtures.emptyTenant(Fixtures.HTML_OWNER);
        navigate(AppsView.class);
        String empty = $(dev.nonstop.uikit.EmptyState.class).single().getElement().getTextRecursively();
        assertThat(empty).contains("at least 2 replicas on different servers").doesNotContain("in different zones");
        navigate(SettingsView.class);
        String promise = $(Paragraph.class).id("tier-promise").getText();
        assertThat(promise).startsWith("Your plan runs every app as at least 2 replicas on different servers:")
                .contains("not promised");
        assertThat(empty).contains(promise);

        UI.getCurrent().setLocale(Locale.KOREAN);
        navigate(AppsView.class);
        navigate(SettingsView.class);
        assertThat($(Paragraph.class).id("tier-promise").getText()).contains("서로 다른 서버").contains("보장하지 않습니다");
    }
}

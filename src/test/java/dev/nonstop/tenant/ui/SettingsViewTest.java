package dev.nonstop.tenant.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.TextField;
import dev.nonstop.testsupport.Fixtures;
import dev.nonstop.testsupport.UiTest;
import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithUserDetails;

class SettingsViewTest extends UiTest {

    @Test
    @WithUserDetails(value = Fixtures.OWNER, userDetailsServiceBeanName = USERS)
    void owners_see_tier_members_and_get_an_invitation_link() {
        navigate(SettingsView.class);
        assertThat($(H2.class).id("tenant-name").getText()).isEqualTo("Fixture Co");
        assertThat($(Paragraph.class).id("tenant-tier").getText()).isEqualTo("Tier: Free");

        test($(EmailField.class).id("invite-email")).setValue("colleague@example.org");
        test($(Button.class).id("invite")).click();

        TextField link = $(TextField.class).id("invite-link");
        assertThat(link.isVisible()).isTrue();
        assertThat(link.getValue()).contains("/invite/");
    }

    @Test
    @WithUserDetails(value = Fixtures.MEMBER, userDetailsServiceBeanName = USERS)
    void members_see_no_invitation_form() {
        navigate(SettingsView.class);
        assertThat($(Button.class).withId("invite").exists()).isFalse();
    }
}

package dev.nonstop.security.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.server.VaadinSession;
import dev.nonstop.security.LoginThrottledException;
import dev.nonstop.testsupport.Fixtures;
import dev.nonstop.testsupport.UiTest;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithAnonymousUser;
import org.springframework.security.web.WebAttributes;

@WithAnonymousUser
class SignUpViewTest extends UiTest {

    private void fill(String email, String password, String name, String company) {
        test($(EmailField.class).id("signup-email")).setValue(email);
        test($(PasswordField.class).id("signup-password")).setValue(password);
        test($(TextField.class).id("signup-display-name")).setValue(name);
        test($(TextField.class).id("signup-company")).setValue(company);
    }

    @Test
    void signing_up_suggests_a_slug_and_leads_to_sign_in() {
        navigate(SignUpView.class);
        fill("jiho@example.org", "a long enough passphrase", "이지호", "Jiho Coffee Roasters");
        assertThat($(TextField.class).id("signup-slug").getValue()).isEqualTo("jiho-coffee-roasters");

        test($(Button.class).id("signup-submit")).click();

        assertThat(getCurrentView()).isInstanceOf(LoginView.class);
        assertThat($(Paragraph.class).id("login-notice").getText()).contains("jiho@example.org");
    }

    @Test
    void a_refused_sign_up_says_why_and_keeps_what_was_typed() {
        navigate(SignUpView.class);
        fill(Fixtures.OWNER, "a long enough passphrase", "Someone", "Another Company");
        test($(Button.class).id("signup-submit")).click();

        assertThat(getCurrentView()).isInstanceOf(SignUpView.class);
        assertThat($(Paragraph.class).id("signup-error").getText())
                .isEqualTo("An account with owner@fixture.test already exists. Sign in instead, or use another address.");
        assertThat($(TextField.class).id("signup-company").getValue()).isEqualTo("Another Company");
    }

    @Test
    void an_empty_field_is_named_in_the_message() {
        navigate(SignUpView.class);
        fill("empty-name@example.org", "a long enough passphrase", "   ", "Empty Name Co");
        test($(Button.class).id("signup-submit")).click();
        assertThat($(Paragraph.class).id("signup-error").getText()).isEqualTo("Your name cannot be empty.");
    }

    @Autowired dev.nonstop.security.SignUpService signUps;
    @Autowired Fixtures fixtures;

    private void mode(dev.nonstop.security.SignUpMode mode) {
        as(fixtures, Fixtures.ADMIN, () -> {
            signUps.setMode(mode);
            return null;
        });
    }

    @Test
    void in_approval_mode_the_page_says_an_admin_reviews_and_the_login_page_says_it_waits() {
        mode(dev.nonstop.security.SignUpMode.APPROVAL);
        try {
            navigate(SignUpView.class);
            assertThat($(Paragraph.class).id("signup-intro").getText()).contains("An admin reviews");
            fill("waiting-" + System.nanoTime() + "@example.org", "a long enough passphrase", "W", "Waiting Co "
                    + System.nanoTime());
            test($(Button.class).id("signup-submit")).click();
            assertThat(getCurrentView()).isInstanceOf(LoginView.class);
            assertThat($(Paragraph.class).id("login-notice").getText()).contains("waiting for an admin");
        } finally {
            mode(dev.nonstop.security.SignUpMode.OPEN);
        }
    }

    @Test
    void in_invitation_mode_the_form_is_shown_only_with_a_working_link() {
        mode(dev.nonstop.security.SignUpMode.INVITATION);
        try {
            SignUpView view = navigate(SignUpView.class);
            assertThat($(Paragraph.class).id("signup-intro").getText()).contains("by invitation only");
            assertThat(view.submit.isVisible()).isFalse();
            String link = as(fixtures, Fixtures.ADMIN, () -> signUps.invite("test"));
            com.vaadin.flow.component.UI.getCurrent().navigate("signup", com.vaadin.flow.router.QueryParameters.of(
                    "invite", link.substring(link.indexOf('=') + 1)));
            assertThat($(Button.class).id("signup-submit").isVisible()).isTrue();
            assertThat($(Paragraph.class).id("signup-intro").getText()).contains("private space");
        } finally {
            mode(dev.nonstop.security.SignUpMode.OPEN);
        }
    }

    @Test
    void a_throttled_login_says_when_to_try_again() {
        VaadinSession.getCurrent().getSession().setAttribute(WebAttributes.AUTHENTICATION_EXCEPTION,
                new LoginThrottledException(Instant.now().plusSeconds(42)));
        com.vaadin.flow.component.UI.getCurrent().navigate("login",
                com.vaadin.flow.router.QueryParameters.of("error", ""));
        LoginView view = (LoginView) getCurrentView();
        assertThat($(LoginForm.class).single().isError()).isTrue();
        assertThat(view.errorMessage()).contains("Try again at").contains("UTC");
    }
}

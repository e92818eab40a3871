package dev.nonstop.security.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.textfield.TextField;
import dev.nonstop.common.Email;
import dev.nonstop.security.AccountService;
import dev.nonstop.security.SignUpMode;
import dev.nonstop.security.SignUpRequest;
import dev.nonstop.security.SignUpService;
import dev.nonstop.testsupport.Fixtures;
import dev.nonstop.testsupport.UiTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;

@WithUserDetails(value = Fixtures.ADMIN, userDetailsServiceBeanName = UiTest.USERS)
class SignUpAdminViewTest extends UiTest {

    @Autowired SignUpService signUps;
    @Autowired AccountService accounts;

    @AfterEach
    void open() {
        signUps.setMode(SignUpMode.OPEN);
    }

    @Test
    void an_admin_switches_to_approval_approves_a_waiting_company_and_makes_a_one_time_link() {
        SignUpAdminView view = navigate(SignUpAdminView.class);
        test(view.mode).selectItem("Admin approval: a company's space is created only after an admin approves it");
        assertThat(signUps.mode()).isEqualTo(SignUpMode.APPROVAL);

        String email = "asks-" + System.nanoTime() + "@example.org";
        signUps.submit(new SignUpRequest(email, "a long enough passphrase", "Asker", "Asking Co " + System.nanoTime(),
                ""), "203.0.113.77", null);
        view.refresh();
        var waiting = signUps.pending().stream().filter(p -> p.email().value().equals(email)).findFirst()
                .orElseThrow();
        view.approve(waiting);
        assertThat(accounts.emailTaken(new Email(email))).isTrue();

        test($(TextField.class).id("signup-invite-note")).setValue("for Jiho's shop");
        test($(Button.class).id("signup-invite")).click();
        assertThat(view.link.getValue()).contains("/signup?invite=");
        assertThat(view.invitations.getGenericDataView().getItems()
                .map(i -> ((dev.nonstop.security.SignUpInvitation) i).note())).contains("for Jiho's shop");
    }
}

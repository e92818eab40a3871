package dev.nonstop.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import dev.nonstop.app.AppService;
import dev.nonstop.build.BuildService;
import dev.nonstop.sandbox.SandboxCluster;
import dev.nonstop.testsupport.Fixtures;
import dev.nonstop.testsupport.GitFixtures;
import dev.nonstop.testsupport.UiTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;

/** The first hour's flow on one screen: paste, check, name, "Build and deploy", build, rollout, running. */
@WithUserDetails(value = Fixtures.HTML_OWNER, userDetailsServiceBeanName = UiTest.USERS)
class NewAppViewTest extends UiTest {

    @Autowired BuildService builds;
    @Autowired AppService apps;
    @Autowired SandboxCluster sandbox;
    @Autowired Fixtures fixtures;

    @BeforeEach
    void fast() {
        fixtures.emptyTenant(Fixtures.HTML_OWNER);
        sandbox.running().orElseThrow().clock().setSpeed(40);
    }

    @AfterEach
    void normal() {
        sandbox.running().orElseThrow().clock().setSpeed(1);
    }

    private void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("never: " + what).isLessThan(deadline);
            Thread.sleep(50);
            runPendingAccess();
        }
    }

    @Test
    void a_pasted_url_becomes_a_running_app_on_one_screen_and_the_form_is_ready_for_the_next() throws Exception {
        NewAppView view = navigate(NewAppView.class);
        var git = GitFixtures.shared();
        assertThat($(Button.class).id("source-inspect").getText()).isEqualTo("Check repository");
        test($(TextField.class).id("source-url")).setValue(git.url("acme", "docker-app"));
        test($(Button.class).id("source-inspect")).click();
        assertThat($(ListItem.class).all()).extracting(ListItem::getText)
                .contains("Found Dockerfile: the image is built from it.", "The Dockerfile exposes port 8080.");
        test($(TextField.class).id("source-name")).setValue("web");
        test($(IntegerField.class).id("source-port")).setValue(8081);
        assertThat($(Button.class).id("source-build").getText()).isEqualTo("Build and deploy");
        test($(Button.class).id("source-build")).click();

        assertThat(builds.sources()).singleElement().satisfies(s -> assertThat(s.port()).isEqualTo(8081));
        assertThat(view.progress.isVisible()).isTrue();
        await("app running", () -> view.stage.getText().startsWith("Your app is running"));
        assertThat(apps.apps()).singleElement().satisfies(a -> assertThat(a.name()).isEqualTo("web"));
        assertThat($(com.vaadin.flow.router.RouterLink.class).id("new-app-open").getText()).isEqualTo("Open web");

        // a second repository can be checked and built right away, without a reload
        test($(TextField.class).id("source-url")).setValue(git.url("acme", "node-app"));
        test($(Button.class).id("source-inspect")).click();
        test($(TextField.class).id("source-name")).setValue("menu");
        assertThat($(Button.class).id("source-build").isEnabled()).isTrue();
        test($(Button.class).id("source-build")).click();
        assertThat(builds.sources()).extracting(s -> s.name()).containsExactlyInAnyOrder("web", "menu");
    }

    @Test
    void a_hostile_url_is_refused_next_to_the_field_and_saves_nothing() {
        navigate(NewAppView.class);
        test($(TextField.class).id("source-url")).setValue("https://169.254.169.254/latest/meta-data");
        test($(Button.class).id("source-inspect")).click();
        TextField url = $(TextField.class).id("source-url");
        assertThat(url.isInvalid()).isTrue();
        assertThat(url.getErrorMessage()).contains("169.254.169.254 is a link-local address");
        assertThat($(Button.class).withId("source-build").exists()).isFalse();
        assertThat(builds.sources()).isEmpty();
        // fixing the field clears the error
        test(url).setValue("https://github.com/acme/shop");
        assertThat(url.isInvalid()).isFalse();
    }
}

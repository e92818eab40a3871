package dev.nonstop.build.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import dev.nonstop.build.BuildService;
import dev.nonstop.build.BuildStatus;
import dev.nonstop.sandbox.SandboxCluster;
import dev.nonstop.testsupport.Fixtures;
import dev.nonstop.testsupport.GitFixtures;
import dev.nonstop.testsupport.GitServer;
import dev.nonstop.testsupport.UiTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;

/** The Builds page: paste a URL, see what was found, correct it, build, and watch the build move live. */
@WithUserDetails(value = Fixtures.HTML_OWNER, userDetailsServiceBeanName = UiTest.USERS)
class BuildsViewTest extends UiTest {

    @org.springframework.beans.factory.annotation.Autowired Fixtures fixtures;

    @Autowired BuildService builds;
    @Autowired SandboxCluster sandbox;
    GitServer git;

    @BeforeEach
    void fast() {
        fixtures.emptyTenant(Fixtures.HTML_OWNER);
        git = GitFixtures.shared();
        sandbox.running().orElseThrow().clock().setSpeed(40);
    }

    @AfterEach
    void normal() {
        sandbox.running().orElseThrow().clock().setSpeed(1);
        sandbox.running().orElseThrow().clearBuildFaults();
    }

    private void awaitStatus(BuildsView view, long id, BuildStatus status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String expected = view.getTranslation("builds.status." + status.name());
        while (!expected.equals(view.card(id).status.getText())) {
            assertThat(System.nanoTime()).as("build %d never showed %s; it shows %s", id, expected,
                    view.card(id).status.getText()).isLessThan(deadline);
            Thread.sleep(50);
            runPendingAccess();
        }
    }

    @Test
    void a_pasted_url_is_looked_at_corrected_built_and_followed_live() throws Exception {
        BuildsView view = navigate(BuildsView.class);
        test($(TextField.class).id("source-url")).setValue(git.url("acme", "docker-app"));
        test($(Button.class).id("source-inspect")).click();
        assertThat($(ListItem.class).all()).extracting(ListItem::getText)
                .contains("Found Dockerfile: the image is built from it.", "The Dockerfile exposes port 8080.");
        test($(TextField.class).id("source-name")).setValue("web");
        test($(IntegerField.class).id("source-port")).setValue(8081);
        test($(Button.class).id("source-build")).click();

        long id = builds.recent(1).getFirst().id();
        assertThat(builds.sources()).anySatisfy(s -> {
            assertThat(s.name()).isEqualTo("web");
            assertThat(s.port()).isEqualTo(8081);
        });
        assertThat(view.card(id)).isNotNull();
        awaitStatus(view, id, BuildStatus.SUCCEEDED);
        assertThat($(Span.class).id("build-" + id + "-step-push").getText()).startsWith("Push: done ");
        assertThat(view.card(id).progress.getValue()).isEqualTo(100);
        assertThat(view.card(id).cancel.isVisible()).isFalse();
    }

    @Test
    void a_failed_build_shows_its_cause_and_fix() throws Exception {
        sandbox.running().orElseThrow().failBuilds("acme/hungry-app", "build", "OOMKilled");
        BuildsView view = navigate(BuildsView.class);
        test($(TextField.class).id("source-url")).setValue(git.url("acme", "hungry-app"));
        test($(Button.class).id("source-inspect")).click();
        test($(TextField.class).id("source-name")).setValue("hungry");
        test($(Button.class).id("source-build")).click();
        long id = builds.recent(1).getFirst().id();
        awaitStatus(view, id, BuildStatus.FAILED);
        assertThat(view.card(id).failure.getElement().getTextRecursively())
                .contains("The build ran out of memory.").contains("Make the build use less memory");
        view.card(id).refreshLog();
        assertThat(view.card(id).log.getText()).contains("error: step build failed: OOMKilled");
    }

    @Test
    void a_hostile_url_says_why_and_saves_nothing() {
        navigate(BuildsView.class);
        int before = builds.sources().size();
        test($(TextField.class).id("source-url")).setValue("https://169.254.169.254/latest/meta-data");
        test($(Button.class).id("source-inspect")).click();
        assertThat($(Notification.class).last().getElement().getProperty("text", "")
                + $(Notification.class).last().getElement().getTextRecursively())
                .contains("169.254.169.254 is a link-local address");
        assertThat($(Button.class).withId("source-build").exists()).isFalse();
        assertThat(builds.sources()).hasSize(before);
    }

    @Test
    void owners_save_a_token_that_is_never_shown_again_and_see_the_webhook_to_paste() {
        BuildsView view = navigate(BuildsView.class);
        assertThat($(com.vaadin.flow.component.html.Paragraph.class).id("token-state").getText())
                .contains("No GitHub token saved");
        test($(com.vaadin.flow.component.textfield.PasswordField.class).id("token-value")).setValue(GitServer.TOKEN);
        test($(Button.class).id("token-save")).click();
        assertThat($(com.vaadin.flow.component.html.Paragraph.class).id("token-state").getText())
                .contains("ending in 6789").doesNotContain(GitServer.TOKEN);
        assertThat($(com.vaadin.flow.component.textfield.PasswordField.class).id("token-value").getValue()).isEmpty();

        test($(TextField.class).id("source-url")).setValue(git.url("private", "ledger"));
        test($(Button.class).id("source-inspect")).click();
        test($(TextField.class).id("source-name")).setValue("ledger-" + System.nanoTime() % 100000);
        test($(Button.class).id("source-build")).click();
        var source = builds.sources().stream().filter(s -> s.repoUrl().endsWith("/private/ledger")).findFirst()
                .orElseThrow();
        WebhookDialog dialog = view.webhookDialog(source);
        dialog.open();
        assertThat(dialog.url.getValue()).endsWith(builds.webhook(source.id()).path()).doesNotEndWith("/" + source.id());
        String first = dialog.secret.getValue();
        assertThat(first).hasSizeGreaterThan(20);
        dialog.rotate.click();
        assertThat(dialog.secret.getValue()).isNotEqualTo(first);
        test($(Button.class).id("token-remove")).click();
        assertThat($(com.vaadin.flow.component.html.Paragraph.class).id("token-state").getText())
                .contains("No GitHub token saved");
    }
}

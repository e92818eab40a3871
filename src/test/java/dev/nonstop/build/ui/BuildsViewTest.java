package dev.nonstop.build.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
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

    private dev.nonstop.build.BuildSource source(String repo, String name) {
        return builds.createSource(name, git.url("acme", repo), null,
                builds.inspect(git.url("acme", repo), null).detection());
    }

    @Test
    void a_build_moves_live_on_its_card_to_an_image() throws Exception {
        BuildsView view = navigate(BuildsView.class);
        var source = source("docker-app", "web");
        view.build(source);
        long id = builds.recent(1).getFirst().id();
        runPendingAccess();
        assertThat(view.card(id)).isNotNull();
        awaitStatus(view, id, BuildStatus.SUCCEEDED);
        assertThat($(Span.class).id("build-" + id + "-step-push").getText()).startsWith("Push: done ");
        assertThat(view.card(id).progress.getValue()).isEqualTo(100);
        assertThat(view.card(id).cancel.isVisible()).isFalse();
        assertThat($(com.vaadin.flow.component.html.Paragraph.class).id("build-title-" + id).getText())
                .startsWith("web · build #1 · ");
    }

    @Test
    void a_failed_build_shows_its_cause_and_fix() throws Exception {
        sandbox.running().orElseThrow().failBuilds("acme/hungry-app", "build", "OOMKilled");
        BuildsView view = navigate(BuildsView.class);
        view.build(source("hungry-app", "hungry"));
        long id = builds.recent(1).getFirst().id();
        runPendingAccess();
        awaitStatus(view, id, BuildStatus.FAILED);
        assertThat(view.card(id).failure.getElement().getTextRecursively())
                .contains("The build ran out of memory.").contains("Make the build use less memory");
        view.card(id).refreshLog();
        assertThat(view.card(id).log.getText()).contains("error: step build failed: OOMKilled");
    }

    @Test
    void an_app_that_never_ran_can_be_removed_by_typing_its_name() {
        var source = source("docker-app", "draft");
        BuildsView view = navigate(BuildsView.class);
        var dialog = view.removeDialog(source);
        dialog.open();
        test($(TextField.class).id("remove-source-name")).setValue("draft");
        test($(Button.class).id("remove-source-confirm")).click();
        assertThat(builds.sources()).noneMatch(s -> s.name().equals("draft"));
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

        var source = builds.createSource("ledger", git.url("private", "ledger"), null,
                builds.inspect(git.url("private", "ledger"), null).detection());
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

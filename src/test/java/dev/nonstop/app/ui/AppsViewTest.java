package dev.nonstop.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import dev.nonstop.app.AppService;
import dev.nonstop.build.BuildService;
import dev.nonstop.build.BuildStatus;
import dev.nonstop.build.Inspection;
import dev.nonstop.sandbox.SandboxCluster;
import dev.nonstop.testsupport.Fixtures;
import dev.nonstop.testsupport.GitFixtures;
import dev.nonstop.testsupport.UiTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;

/** The Apps page: a succeeded build offered for deploy, then a live card that reaches 2/2 and turns green. */
@WithUserDetails(value = Fixtures.HTML_OWNER, userDetailsServiceBeanName = UiTest.USERS)
class AppsViewTest extends UiTest {

    @Autowired BuildService builds;
    @Autowired AppService apps;
    @Autowired SandboxCluster sandbox;
    @Autowired dev.nonstop.app.AppConfigService configs;
    @Autowired dev.nonstop.testsupport.Fixtures fixtures;

    @org.junit.jupiter.api.BeforeEach
    void withinTheTiersApps() {
        fixtures.emptyTenant(dev.nonstop.testsupport.Fixtures.HTML_OWNER);
    }

    @AfterEach
    void normal() {
        sandbox.running().orElseThrow().clock().setSpeed(1);
    }

    private void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("never: " + what).isLessThan(deadline);
            Thread.sleep(50);
            runPendingAccess();
        }
    }

    @Test
    void a_deployed_app_shows_as_a_card_that_reaches_two_of_two_and_says_it_is_redundant() throws Exception {
        sandbox.running().orElseThrow().clock().setSpeed(40);
        var git = GitFixtures.shared();
        Inspection inspection = builds.inspect(git.url("acme", "docker-app"), null);
        var source = builds.createSource("cards-" + System.nanoTime() % 100000, git.url("acme", "docker-app"), null,
                inspection.detection());
        var build = builds.start(source.id());
        await("build succeeded", () -> builds.get(build.id()).status() == BuildStatus.SUCCEEDED);

        AppsView view = navigate(AppsView.class);
        test($(Button.class).id("deploy-build-" + build.id())).click();
        long appId = apps.apps().stream().filter(a -> a.name().equals(source.name())).findFirst().orElseThrow().id();
        AppCard card = view.card(appId);
        assertThat(card).isNotNull();
        await("2/2 ready on the card", () -> card.replicas.getText().equals("2/2 ready"));
        await("running", () -> card.state.getText().equals("Running"));
        assertThat(card.resilience.getText()).isEqualTo("Survives losing a server");
        assertThat(card.missing.isVisible()).isFalse();
        assertThat(card.release.getText()).contains("commit " + build.shortCommit());

        test(card.failover).click();
        await("the drill's result on the card", () -> card.drill.getText().startsWith("Last failover drill"));
        assertThat(card.drill.getText()).contains("fewest ready: 1 of 2");

        AppDetailView detail = navigate(AppDetailView.class, appId);
        await("two ready pods listed", () -> {
            detail.refresh();
            return detail.pods.getGenericDataView().getItems().filter(p -> ((dev.nonstop.app.PodInfo) p).ready())
                    .count() == 2;
        });
        assertThat(detail.pods.getGenericDataView().getItems().map(p -> ((dev.nonstop.app.PodInfo) p).zone()))
                .doesNotContainNull();
        assertThat(detail.releases.getGenericDataView().getItems().count()).isEqualTo(1);
        assertThat(detail.drills.getGenericDataView().getItems().count()).isEqualTo(1);
        assertThat(detail.events.getGenericDataView().getItems().map(e -> ((dev.nonstop.app.ClusterEvent) e)
                .reason())).contains("ScalingReplicaSet");
        // events read as sentences; Kubernetes' own words stay as the detail
        assertThat(detail.events.getGenericDataView().getItems().map(e -> dev.nonstop.uikit.Messages.of(detail,
                ((dev.nonstop.app.ClusterEvent) e).sentence()))).anyMatch(t -> t.matches(
                "Replica \\S+ was placed on server sandbox-node-\\d in zone sandbox-zone-\\w\\."));
        // the header says what is going on and what to do, in plain words
        await("all good in the header", () -> {
            detail.refresh();
            return detail.next.getText().startsWith("All good");
        });
        assertThat(detail.releases.getGenericDataView().getItems().map(r -> ((dev.nonstop.app.ReleaseView) r).live()))
                .containsExactly(true);
        String pod = ((dev.nonstop.app.PodInfo) detail.pods.getGenericDataView().getItems().findFirst()
                .orElseThrow()).name();
        detail.logPod.setValue(pod);
        assertThat(detail.log.getText()).isNotBlank();

        detail.tabs.setSelectedIndex(3); // overview, monitoring, releases, configuration
        AppConfigForm form = $(AppConfigForm.class).first();
        assertThat(form.port.getValue()).isEqualTo(8080); // as detected in the source, and correctable here
        test(form.healthPath).setValue("/ready");
        var greeting = form.env.addRow("GREETING", "hello", false, false);
        var apiKey = form.env.addRow("API_KEY", null, true, false);
        apiKey.secretValue.setValue("top-secret");
        assertThat(greeting.value.isVisible()).isTrue();
        assertThat(apiKey.value.isVisible()).isFalse();
        test(form.save).click();
        // saved: the secret is a row with its name, its value nowhere on the page
        assertThat(form.env.rows()).extracting(r -> r.name.getValue()).containsExactly("GREETING", "API_KEY");
        assertThat(form.env.rows()).allSatisfy(r -> assertThat(r.secretValue.getValue()).isEmpty());
        assertThat(form.env.rows()).noneMatch(r -> "top-secret".equals(r.value.getValue()));
        assertThat(form.healthPath.getValue()).isEqualTo("/ready");
        assertThat(configs.config(appId).env()).containsEntry("GREETING", "hello");
        assertThat(configs.config(appId).secretNames()).containsExactly("API_KEY");
    }
}

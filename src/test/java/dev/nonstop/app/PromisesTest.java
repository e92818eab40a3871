package dev.nonstop.app;

import static dev.nonstop.testsupport.Eventually.within;
import static dev.nonstop.testsupport.Refusals.refusedWith;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nonstop.build.Build;
import dev.nonstop.build.BuildService;
import dev.nonstop.build.BuildSource;
import dev.nonstop.build.BuildStatus;
import dev.nonstop.common.Message;
import dev.nonstop.common.UserError;
import dev.nonstop.kube.Applier;
import dev.nonstop.sandbox.SandboxCluster;
import dev.nonstop.security.SignUpResult;
import dev.nonstop.tenant.TenantService;
import dev.nonstop.testsupport.Fixtures;
import dev.nonstop.testsupport.GitFixtures;
import dev.nonstop.testsupport.IntegrationTest;
import dev.nonstop.testsupport.Workloads;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Promises the portal makes on Settings and in its lists, kept: number of apps, deletion, numbering, one flow. */
@IntegrationTest
class PromisesTest {

    static final Duration SOON = Duration.ofSeconds(30);

    @Autowired Fixtures fixtures;
    @Autowired AppService apps;
    @Autowired AppConfigService configs;
    @Autowired BuildService builds;
    @Autowired TenantService tenants;
    @Autowired SandboxCluster sandbox;
    @Autowired Applier applier;
    SignUpResult owner;

    @BeforeEach
    void freeTenant() {
        sandbox.running().orElseThrow().clock().setSpeed(40);
        owner = fixtures.newTenant();
        fixtures.signInAs(owner.email().value());
        // the tenant's namespace and quota arrive just after sign-up
        within(SOON, () -> assertThat(tenants.usage(owner.tenantId()))
                .anySatisfy(u -> assertThat(u.resource()).isEqualTo("pods")));
    }

    @AfterEach
    void normal() {
        sandbox.running().orElseThrow().clock().setSpeed(1);
        fixtures.signOut();
    }

    private BuildSource source(String name) {
        var git = GitFixtures.shared();
        return builds.createSource(name, git.url("acme", "docker-app"), null,
                builds.inspect(git.url("acme", "docker-app"), null).detection());
    }

    private Build built(BuildSource source) {
        Build build = builds.start(source.id());
        within(dev.nonstop.testsupport.Eventually.A_BUILD, () -> assertThat(builds.get(build.id()).status()).isEqualTo(BuildStatus.SUCCEEDED));
        return builds.get(build.id());
    }

    @Test
    void a_free_tenant_cannot_set_up_more_apps_than_its_plan_allows_and_is_told_the_way_out() {
        BuildSource first = source("shop");
        source("blog");
        UserError refused = org.assertj.core.api.Assertions.catchThrowableOfType(UserError.class,
                () -> source("third"));
        assertThat(refused.key()).isEqualTo("app.limit.apps");
        assertThat(refused.args()).containsExactly(Message.of("tier.name.FREE"), 2, 2L);
        assertThat(builds.sources()).extracting(BuildSource::name).containsExactly("blog", "shop");
        // removing one makes room again
        builds.removeSource(first.id(), "shop");
        assertThat(source("third").name()).isEqualTo("third");
    }

    @Test
    void a_deleted_app_leaves_every_list_its_builds_stay_in_history_and_its_name_is_free_again() {
        BuildSource menu = source("menu");
        Build build = built(menu);
        App app = apps.deploy(build.id());
        within(SOON, () -> assertThat(apps.status(app.id()).ready()).isEqualTo(2));
        apps.delete(app.id(), "menu");
        assertThat(apps.apps()).isEmpty();
        assertThat(builds.sources()).isEmpty();
        assertThat(builds.recent(10)).singleElement().satisfies(b -> {
            assertThat(b.app()).isEqualTo("menu");
            assertThat(b.appDeleted()).isTrue();
        });
        refusedWith(() -> builds.start(menu.id()), "build.source.not-found");
        refusedWith(() -> apps.deploy(build.id()), "build.source.not-found");
        assertThat(source("menu").name()).isEqualTo("menu");
    }

    @Test
    void builds_and_releases_are_numbered_per_app_from_one() {
        BuildSource shop = source("shop");
        Build one = built(shop);
        Build two = built(shop);
        BuildSource blog = source("blog");
        Build blogOne = builds.start(blog.id());
        assertThat(one.number()).isEqualTo(1);
        assertThat(two.number()).isEqualTo(2);
        assertThat(blogOne.number()).isEqualTo(1);
        App app = apps.deploy(two.id());
        configs.restart(app.id());
        configs.configure(app.id(), new AppConfig(dev.nonstop.common.ReplicaSize.S, false, 0,
                java.util.Map.of("GREETING", "hi"), java.util.Map.of(), java.util.List.of()));
        assertThat(apps.releases(app.id())).extracting(Release::number).containsExactly(2, 1);
        apps.rollBackTo(app.id(), apps.releases(app.id()).getLast().id());
        assertThat(apps.releases(app.id())).extracting(Release::number).containsExactly(3, 2, 1);
    }

    @Test
    void build_and_deploy_runs_the_app_once_its_first_build_succeeds() {
        BuildSource web = source("web");
        Build build = builds.startAndDeploy(web.id());
        within(SOON, () -> assertThat(apps.apps()).singleElement().satisfies(app -> {
            assertThat(app.name()).isEqualTo("web");
            assertThat(app.currentReleaseId()).isNotNull();
        }));
        long appId = apps.apps().getFirst().id();
        within(SOON, () -> assertThat(apps.status(appId).ready()).isEqualTo(2));
        assertThat(apps.releases(appId)).singleElement().satisfies(r -> assertThat(r.buildId()).isEqualTo(build.id()));
    }

    @Test
    void a_build_and_deploy_the_quota_cannot_hold_says_so_on_the_build() {
        BuildSource web = source("web");
        applier.apply(Workloads.restrictedApp(owner.slug().namespace(), "hog", 7));
        try {
            within(SOON, () -> assertThat(tenants.usage(owner.tenantId()))
                    .anySatisfy(u -> assertThat(u.resource().equals("pods") && u.used().equals("7")).isTrue()));
            Build build = builds.startAndDeploy(web.id());
            within(SOON, () -> {
                Build now = builds.get(build.id());
                assertThat(now.status()).isEqualTo(BuildStatus.SUCCEEDED);
                assertThat(now.deployNotice()).isNotNull();
                assertThat(now.deployNotice().key()).isEqualTo("app.notice.not-deployed");
                assertThat(((Message) now.deployNotice().args().get(2)).key()).isEqualTo("app.quota.refused");
            });
            assertThat(apps.apps()).isEmpty();
        } finally {
            applier.delete(Workloads.restrictedApp(owner.slug().namespace(), "hog", 7));
        }
    }
}

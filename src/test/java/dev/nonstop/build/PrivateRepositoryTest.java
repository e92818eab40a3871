package dev.nonstop.build;

import static dev.nonstop.testsupport.Eventually.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nonstop.audit.AuditFilter;
import dev.nonstop.audit.AuditLog;
import dev.nonstop.common.AccessDenied;
import dev.nonstop.sandbox.SandboxCluster;
import dev.nonstop.security.SignUpResult;
import dev.nonstop.source.SourceRefused;
import dev.nonstop.testsupport.Fixtures;
import dev.nonstop.testsupport.GitFixtures;
import dev.nonstop.testsupport.GitServer;
import dev.nonstop.testsupport.IntegrationTest;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** A tenant's GitHub token: sealed in the database, never shown again, used for private repositories only in builds. */
@IntegrationTest
class PrivateRepositoryTest {

    @Autowired Fixtures fixtures;
    @Autowired BuildService builds;
    @Autowired KubernetesClient cluster;
    @Autowired BuildSettings settings;
    @Autowired JdbcTemplate jdbc;
    @Autowired AuditLog audit;
    @Autowired SandboxCluster sandbox;

    @AfterEach
    void signOut() {
        fixtures.signOut();
        sandbox.running().orElseThrow().clock().setSpeed(1);
    }

    @Test
    void a_private_repository_needs_the_token_which_is_sealed_and_never_shown() {
        GitServer git = GitFixtures.shared();
        SignUpResult owner = fixtures.newTenant();
        fixtures.signInAs(owner.email().value());
        String repo = git.url("private", "ledger");
        assertThatThrownBy(() -> builds.inspect(repo, null)).isInstanceOfSatisfying(SourceRefused.class,
                e -> assertThat(e.key()).isEqualTo("source.repo.not-found-or-private"));

        assertThat(builds.saveToken(GitServer.TOKEN)).isEqualTo(GitServer.TOKEN.substring(GitServer.TOKEN.length() - 4));
        assertThat(builds.tokenHint()).contains("6789");
        String stored = jdbc.queryForObject("select sealed from source_tokens where tenant_id = ?", String.class,
                owner.tenantId());
        assertThat(stored).startsWith("v1:").doesNotContain(GitServer.TOKEN);

        Inspection inspection = builds.inspect(repo, null);
        assertThat(inspection.detection().port()).isEqualTo(9000);
        sandbox.running().orElseThrow().clock().setSpeed(40);
        Build build = builds.start(builds.createSource("ledger", repo, null, inspection.detection()).id());
        Secret credentials = cluster.secrets().inNamespace(settings.namespace()).withName("git-build-" + build.id())
                .get();
        assertThat(credentials).isNotNull();
        assertThat(credentials.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getKind()).isEqualTo("PipelineRun"));
        assertThat(cluster.secrets().inNamespace(owner.slug().namespace()).list().getItems())
                .noneMatch(s -> s.getMetadata().getName().startsWith("git-"));
        within(Duration.ofSeconds(20), () -> assertThat(builds.get(build.id()).status()).isEqualTo(
                BuildStatus.SUCCEEDED));

        fixtures.signOut();
        fixtures.signInAs(Fixtures.ADMIN);
        assertThat(audit.search(new AuditFilter(null, owner.slug().value(), null, null, null)))
                .noneMatch(e -> e.detail().contains(GitServer.TOKEN));
    }

    @Test
    void only_owners_save_tokens_and_junk_is_refused() {
        fixtures.signInAs(Fixtures.MEMBER);
        assertThatThrownBy(() -> builds.saveToken(GitServer.TOKEN)).isInstanceOf(AccessDenied.class);
        fixtures.signOut();
        fixtures.signInAs(Fixtures.OWNER);
        assertThatThrownBy(() -> builds.saveToken("short")).isInstanceOf(dev.nonstop.common.UserError.class);
        assertThatThrownBy(() -> builds.saveToken("has spaces inside the token value")).isInstanceOf(
                dev.nonstop.common.UserError.class);
    }
}

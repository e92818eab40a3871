package dev.nonstop.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nonstop.testsupport.GitServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DNS rebinding between the URL check and the connection: a resolver that answers a public address
 * first and loopback afterwards. The portal must connect only where the check said, so a listener on
 * loopback (standing in for a service the attacker wants to reach) never sees a connection.
 */
class DnsRebindingTest {

    /** Public for the check, loopback for whoever asks next: what a rebinding DNS server does. */
    static final class Rebinding implements HostResolver {
        final AtomicInteger asked = new AtomicInteger();

        @Override
        public List<InetAddress> resolve(String host) throws UnknownHostException {
            return asked.incrementAndGet() == 1 ? List.of(InetAddress.getByName("203.0.113.10"))
                    : List.of(InetAddress.getLoopbackAddress());
        }
    }

    ServerSocket target;
    final AtomicInteger connections = new AtomicInteger();
    GitServer git;
    Rebinding dns;
    SourcePolicy policy;
    SourceSettings settings;

    @BeforeEach
    void start() throws IOException {
        target = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!target.isClosed()) {
                try (Socket accepted = target.accept()) {
                    connections.incrementAndGet();
                } catch (IOException closed) {
                    return;
                }
            }
        });
        git = new GitServer(Files.createTempDirectory("git-rebind"));
        git.create("acme", "shop", Map.of("Dockerfile", "FROM nginx\n"), List.of(), List.of());
        dns = new Rebinding();
        String victim = "localhost:" + target.getLocalPort();
        // the attacker's host is allowed (as a self-hosted Git server would be); the fixture server is a test host
        settings = new SourceSettings(List.of(victim), List.of(git.hostAndPort()), Duration.ofSeconds(2), 0);
        policy = new SourcePolicy(settings, dns);
    }

    @AfterEach
    void stop() throws IOException {
        target.close();
        git.close();
    }

    @Test
    void the_address_that_passed_the_check_is_the_one_connected_to() {
        GitSource source = policy.accept("https://localhost:" + target.getLocalPort() + "/acme/shop", null);
        assertThat(source.addresses()).extracting(InetAddress::getHostAddress).containsExactly("203.0.113.10");
        RefResolver resolver = new RefResolver(policy, settings);
        assertThatThrownBy(() -> resolver.resolve(source, null)).isInstanceOf(SourceRefused.class)
                .satisfies(e -> assertThat(((SourceRefused) e).key()).isIn("source.repo.timeout",
                        "source.repo.unreachable"));
        assertThat(connections.get()).as("connections that reached loopback").isZero();
        assertThat(dns.asked.get()).as("DNS asked once: the answer is pinned").isEqualTo(1);
    }

    @Test
    void a_redirect_target_is_connected_to_only_at_an_address_that_is_checked_then() {
        git.redirect("acme", "moved", "https://localhost:" + target.getLocalPort() + "/acme/shop.git/info/refs");
        RefResolver resolver = new RefResolver(policy, settings);
        GitSource source = policy.accept(git.url("acme", "moved"), null);
        assertThatThrownBy(() -> resolver.resolve(source, null)).isInstanceOf(SourceRefused.class)
                .satisfies(e -> assertThat(((SourceRefused) e).key()).isEqualTo("source.host.resolves-to"));
        assertThat(connections.get()).as("connections that reached loopback").isZero();
    }

    @Test
    void the_fetch_uses_the_same_pinned_address() {
        GitSource source = policy.accept("https://localhost:" + target.getLocalPort() + "/acme/shop", null);
        SourceFetcher fetcher = new SourceFetcher(settings, policy);
        ResolvedRef ref = new ResolvedRef(source, "0".repeat(40), "refs/heads/main", List.of());
        assertThatThrownBy(() -> fetcher.fetch(ref, null)).isInstanceOf(SourceRefused.class);
        assertThat(connections.get()).as("connections that reached loopback").isZero();
    }
}

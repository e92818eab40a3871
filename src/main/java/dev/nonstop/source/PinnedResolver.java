package dev.nonstop.source;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.http.conn.DnsResolver;

/**
 * Name resolution for the connections of one Git operation (a ref lookup, a fetch). A host is looked up
 * once: the addresses the policy checked for the repository's host, or, for any other host (a
 * redirect), an answer that is checked here, at the moment it is used. Every connection of the
 * operation then goes to those addresses, so DNS rebinding (public on the check, loopback or the
 * metadata address on the connection) has no second answer to give. TLS still verifies the name.
 */
public final class PinnedResolver implements DnsResolver {

    /** Thrown when a host leads to an address that is not public: carries the user's message. */
    public static final class Refused extends UnknownHostException {
        private final transient SourceRefused refusal;

        Refused(SourceRefused refusal) {
            super(refusal.getMessage());
            this.refusal = refusal;
        }

        public SourceRefused refusal() {
            return refusal;
        }
    }

    private final HostResolver dns;
    private final Set<String> testHosts;
    private final Map<String, InetAddress[]> pinned = new ConcurrentHashMap<>();

    PinnedResolver(HostResolver dns, Set<String> testHosts, Map<String, List<InetAddress>> checked) {
        this.dns = dns;
        this.testHosts = Set.copyOf(testHosts);
        checked.forEach((host, addresses) -> pinned.put(host.toLowerCase(java.util.Locale.ROOT),
                addresses.toArray(InetAddress[]::new)));
    }

    /** The refusal somewhere in a failure's causes (JGit wraps what a connection threw). */
    public static Optional<SourceRefused> refusalIn(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof Refused refused) {
                return Optional.of(refused.refusal());
            }
        }
        return Optional.empty();
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        String key = host.toLowerCase(java.util.Locale.ROOT);
        InetAddress[] known = pinned.get(key);
        if (known != null) {
            return known.clone();
        }
        List<InetAddress> answer = testHosts.contains(key) ? List.of(InetAddress.getAllByName(host))
                : dns.resolve(host);
        if (answer.isEmpty()) {
            throw new UnknownHostException(host);
        }
        if (!testHosts.contains(key)) {
            for (InetAddress address : answer) {
                Optional<String> refusal = PublicAddresses.refusal(address);
                if (refusal.isPresent()) {
                    throw new Refused(new SourceRefused("source.host.resolves-to", host, address.getHostAddress()));
                }
            }
        }
        InetAddress[] first = pinned.putIfAbsent(key, answer.toArray(InetAddress[]::new));
        return (first != null ? first : pinned.get(key)).clone();
    }
}

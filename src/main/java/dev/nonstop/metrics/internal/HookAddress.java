package dev.nonstop.metrics.internal;

import dev.nonstop.common.UserError;
import dev.nonstop.source.HostResolver;
import dev.nonstop.source.PublicAddresses;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.http.conn.DnsResolver;

/**
 * The rules for an alert webhook address, the same as for Git URLs: https only (plain http only for
 * the configured test hosts), no user name or password, port 443, and a host that leads to public
 * addresses only — never loopback, private networks or the cloud metadata address, whether written as
 * an address or reached through DNS. The address is checked again, and pinned, at every delivery, so a
 * name that later resolves elsewhere (DNS rebinding) is refused then.
 */
public final class HookAddress {

    public static final int MAX_LENGTH = 500;

    private final HostResolver dns;
    private final Set<String> testHosts;

    public HookAddress(HostResolver dns, Set<String> testHosts) {
        this.dns = dns;
        this.testHosts = Set.copyOf(testHosts);
    }

    /** The address as given, checked, or a {@link UserError} that says what to change. */
    public URI accept(String raw) {
        String text = raw == null ? "" : raw.strip();
        if (text.isEmpty()) {
            throw new UserError("alert.hook.empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new UserError("alert.hook.too-long", MAX_LENGTH);
        }
        if (!text.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new UserError("alert.hook.malformed");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new UserError("alert.hook.malformed");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (uri.isOpaque() || host.isEmpty() || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new UserError("alert.hook.malformed");
        }
        if (uri.getRawUserInfo() != null) {
            throw new UserError("alert.hook.credentials");
        }
        if (uri.getRawFragment() != null) {
            throw new UserError("alert.hook.malformed");
        }
        boolean test = testHosts.contains(host);
        if (!test) {
            if (!scheme.equals("https")) {
                throw new UserError("alert.hook.https");
            }
            if (uri.getPort() >= 0 && uri.getPort() != 443) {
                throw new UserError("alert.hook.port", uri.getPort());
            }
            if (host.matches("[0-9.]+|\\[.*\\]|0x.*") || host.contains(":")) {
                throw new UserError("alert.hook.literal", host);
            }
            publicAddresses(host);
        }
        return uri;
    }

    /** The host's addresses, each checked; a {@link UserError} naming the first that is not public. */
    List<InetAddress> publicAddresses(String host) {
        List<InetAddress> addresses;
        try {
            addresses = dns.resolve(host);
        } catch (UnknownHostException e) {
            throw new UserError("alert.hook.unknown-host", host);
        }
        if (testHosts.contains(host.toLowerCase(Locale.ROOT))) {
            return addresses;
        }
        for (InetAddress address : addresses) {
            if (PublicAddresses.refusal(address).isPresent()) {
                throw new UserError("alert.hook.not-public", host, address.getHostAddress());
            }
        }
        return addresses;
    }

    /** A resolver for one delivery: every name is looked up once and checked at the moment it is used. */
    DnsResolver pinned() {
        return host -> {
            try {
                return publicAddresses(host).toArray(InetAddress[]::new);
            } catch (UserError refused) {
                throw new UnknownHostException("refused: " + refused.key());
            }
        };
    }

    /** What may be shown of an address once entered: the host and the last four characters. */
    static String hint(URI uri) {
        String text = uri.toString();
        return uri.getScheme() + "://" + uri.getHost() + "/…" + text.substring(Math.max(0, text.length() - 4));
    }
}

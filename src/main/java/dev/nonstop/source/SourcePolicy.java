package dev.nonstop.source;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The Git URL policy. Accepts {@code https://<allowed host>/owner/repo} (optionally {@code .git},
 * a trailing slash, or GitHub's {@code /tree/<ref>}) and a branch, tag or commit; refuses every
 * other scheme, credentials in the URL, hosts off the allowlist, addresses instead of names, names
 * that resolve to anything but public addresses, refs that could be read as options, and oversize
 * input — each with its own message. Redirects are checked again with {@link #checkRedirect}.
 */
public final class SourcePolicy {

    public static final int MAX_URL = 500;
    public static final int MAX_REF = 200;
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern PATH = Pattern.compile("/([^/]+)/([^/]+?)(?:\\.git)?(?:/tree/(.+?))?/?");
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}");

    private final SourceSettings settings;
    private final HostResolver resolver;

    public SourcePolicy(SourceSettings settings, HostResolver resolver) {
        this.settings = settings;
        this.resolver = resolver;
    }

    /** Checks a URL and ref as a user typed them, including where the host name leads. */
    public GitSource accept(@Nullable String rawUrl, @Nullable String rawRef) {
        GitSource source = parse(rawUrl, rawRef);
        return source.pinnedTo(requirePublic(source.host(), source.repository().getPort()));
    }

    /** The URL's form, scheme, host and ref rules, without looking the host up. */
    public GitSource parse(@Nullable String rawUrl, @Nullable String rawRef) {
        String text = rawUrl == null ? "" : rawUrl.strip();
        if (text.isEmpty()) {
            throw new SourceRefused("source.url.empty");
        }
        if (text.length() > MAX_URL) {
            throw new SourceRefused("source.url.too-long", MAX_URL);
        }
        if (!text.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new SourceRefused("source.url.not-ascii");
        }
        if (text.regionMatches(true, 0, "ext::", 0, 5) || text.regionMatches(true, 0, "fd::", 0, 4)) {
            throw new SourceRefused("source.url.transport");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new SourceRefused("source.url.malformed");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.isEmpty()) {
            throw new SourceRefused("source.url.malformed");
        }
        if (!scheme.equals("https") && !scheme.equals("http") || uri.isOpaque()) {
            throw new SourceRefused("source.url.scheme", scheme);
        }
        if (uri.getRawUserInfo() != null || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
            throw new SourceRefused("source.url.credentials");
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (host.isEmpty()) {
            throw new SourceRefused("source.url.malformed");
        }
        String hostAndPort = uri.getPort() < 0 ? host : host + ":" + uri.getPort();
        boolean testHost = settings.testHosts().contains(hostAndPort);
        if (!scheme.equals("https") && !(scheme.equals("http") && testHost)) {
            throw new SourceRefused(scheme.equals("http") ? "source.url.http" : "source.url.scheme", scheme);
        }
        if (!testHost) {
            literalRefusal(host).ifPresent(key -> {
                throw new SourceRefused(key, host);
            });
            if (!settings.allowedHosts().contains(host) && !settings.allowedHosts().contains(hostAndPort)) {
                throw new SourceRefused("source.url.host", host, String.join(", ", settings.allowedHosts()));
            }
            if (uri.getPort() >= 0 && uri.getPort() != 443 && !settings.allowedHosts().contains(hostAndPort)) {
                throw new SourceRefused("source.url.port", uri.getPort());
            }
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new SourceRefused("source.url.query");
        }
        Matcher path = PATH.matcher(uri.getRawPath() == null ? "" : uri.getRawPath());
        if (!path.matches() || !SEGMENT.matcher(path.group(1)).matches() || !SEGMENT.matcher(path.group(2)).matches()
                || path.group(2).equals("..") || path.group(1).equals("..")) {
            throw new SourceRefused("source.url.path", host);
        }
        String ref = rawRef == null || rawRef.isBlank() ? path.group(3) : rawRef.strip();
        if (ref != null) {
            checkRef(ref);
        }
        URI repository = URI.create(scheme + "://" + hostAndPort + "/" + path.group(1) + "/" + path.group(2));
        return new GitSource(repository, host, path.group(1), path.group(2), ref);
    }

    /** A ref that git would accept as a branch or tag name, or a full commit id, and never an option. */
    static void checkRef(String ref) {
        if (ref.length() > MAX_REF) {
            throw new SourceRefused("source.ref.too-long", MAX_REF);
        }
        if (ref.startsWith("-")) {
            throw new SourceRefused("source.ref.option");
        }
        if (SHA.matcher(ref).matches()) {
            return;
        }
        boolean bad = ref.contains("..") || ref.contains("@{") || ref.contains("//") || ref.endsWith("/")
                || ref.endsWith(".lock") || ref.endsWith(".") || ref.startsWith("/")
                || ref.chars().anyMatch(c -> c <= 0x20 || c == 0x7f || "~^:?*[\\".indexOf(c) >= 0);
        if (bad) {
            throw new SourceRefused("source.ref.invalid", ref);
        }
    }

    /**
     * The host name must lead to public addresses only (test hosts excepted); returns the addresses it
     * checked (empty for a test host), the only ones a connection for it may then use.
     */
    public List<InetAddress> requirePublic(String host, int port) {
        String hostAndPort = port < 0 ? host : host + ":" + port;
        if (settings.testHosts().contains(hostAndPort)) {
            return List.of();
        }
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new SourceRefused("source.host.unknown", host);
        }
        for (InetAddress address : addresses) {
            Optional<String> refusal = PublicAddresses.refusal(address);
            if (refusal.isPresent()) {
                throw new SourceRefused("source.host.resolves-to", host, address.getHostAddress());
            }
        }
        return List.copyOf(addresses);
    }

    /**
     * A redirect target gets the same checks as the URL the user typed (the connection to it then goes
     * through a {@link PinnedResolver}, which checks the address it connects to).
     */
    public URI checkRedirect(URI from, String location) {
        URI target = from.resolve(location);
        GitSource again = parse(target.toString().replaceAll("/info/refs.*$", ""), null);
        requirePublic(again.host(), again.repository().getPort());
        return target;
    }

    /** A resolver for one operation on {@code source}: its checked addresses, and the same checks for any other host. */
    public PinnedResolver resolverFor(GitSource source) {
        return new PinnedResolver(resolver, testHostNames(), source.addresses().isEmpty() ? java.util.Map.of()
                : java.util.Map.of(source.host(), source.addresses()));
    }

    private java.util.Set<String> testHostNames() {
        return settings.testHosts().stream().map(h -> h.startsWith("[") ? h.substring(0, h.indexOf(']') + 1)
                : h.contains(":") ? h.substring(0, h.lastIndexOf(':')) : h).collect(java.util.stream.Collectors.toSet());
    }

    /** For a host written as an address: why it is refused (every address is, named or not public). */
    private static Optional<String> literalRefusal(String host) {
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        boolean v6 = bare.contains(":");
        boolean v4 = bare.matches("[0-9.]+") || bare.matches("0x[0-9a-f.x]+") || bare.matches("[0-9]+");
        if (!v4 && !v6) {
            return Optional.empty();
        }
        if (v6 && bare.toLowerCase(Locale.ROOT).matches(".*::ffff:.*|::[0-9]+\\..*")) {
            return Optional.of("source.address.mapped");
        }
        try {
            InetAddress address = InetAddress.getByName(bare);
            return Optional.of(PublicAddresses.refusal(address).orElse("source.url.address"));
        } catch (UnknownHostException e) {
            return Optional.of("source.url.address");
        }
    }
}

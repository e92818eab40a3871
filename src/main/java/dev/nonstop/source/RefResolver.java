package dev.nonstop.source;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.conn.ConnectTimeoutException;
import org.apache.http.util.EntityUtils;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.jspecify.annotations.Nullable;

/**
 * Resolves a branch, tag or commit to a commit id with ls-remote semantics (nothing is cloned). The
 * repository is first asked over HTTP without following redirects: each redirect target goes through
 * the policy again before it is followed. Errors say what to do: not found or private (add a token),
 * no such branch (here are the branches), host unreachable, timeout.
 */
public final class RefResolver {

    private static final int MAX_REDIRECTS = 3;
    private static final int MAX_BRANCHES_SHOWN = 20;
    /** A repository with tens of thousands of refs still fits; past this, the host is asked no further. */
    private static final long MAX_ADVERTISEMENT = 16L * 1024 * 1024;

    private final SourcePolicy policy;
    private final SourceSettings settings;

    public RefResolver(SourcePolicy policy, SourceSettings settings) {
        this.policy = policy;
        this.settings = settings;
    }

    /**
     * The commit the source's ref names now; {@code token} (never logged) opens private repositories.
     * Every connection goes to the addresses the policy checked (see {@link PinnedResolver}).
     */
    public ResolvedRef resolve(GitSource source, @Nullable String token) {
        try (GitConnections connections = new GitConnections(policy.resolverFor(source), settings.timeout())) {
            return resolve(source, token, connections);
        }
    }

    private ResolvedRef resolve(GitSource source, @Nullable String token, GitConnections connections) {
        RefAdvertisement.Refs refs = reachable(source, token, connections);
        List<String> branches = refs.refs().keySet().stream().filter(r -> r.startsWith(Constants.R_HEADS))
                .map(r -> r.substring(Constants.R_HEADS.length())).sorted().toList();
        String wanted = source.ref();
        if (wanted == null) {
            String headCommit = refs.refs().get(Constants.HEAD);
            if (headCommit == null) {
                throw new SourceRefused("source.repo.empty");
            }
            return new ResolvedRef(source, headCommit, refs.head() == null ? Constants.HEAD : refs.head(), branches);
        }
        if (wanted.matches("[0-9a-f]{40}")) {
            return new ResolvedRef(source, wanted, wanted, branches);
        }
        for (String name : List.of(Constants.R_HEADS + wanted, Constants.R_TAGS + wanted)) {
            String commit = refs.refs().get(name);
            if (commit != null) {
                return new ResolvedRef(source, refs.peeled().getOrDefault(name, commit), name, branches);
            }
        }
        List<String> shown = branches.size() > MAX_BRANCHES_SHOWN ? branches.subList(0, MAX_BRANCHES_SHOWN) : branches;
        throw new SourceRefused("source.ref.missing", wanted, shown.isEmpty() ? "-" : String.join(", ", shown));
    }

    /**
     * Asks the smart-HTTP endpoint, following redirects only after the policy checked them, and reads the
     * refs it advertises (one round trip; JGit's ls-remote only for a server that is not smart).
     */
    private RefAdvertisement.Refs reachable(GitSource source, @Nullable String token, GitConnections connections) {
        URI base = source.repository();
        URI probe = URI.create(base + ".git/info/refs?service=git-upload-pack");
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpGet request = new HttpGet(probe);
            request.setHeader("User-Agent", "git/2.39 nonstop");
            if (token != null) {
                request.setHeader("Authorization", basic(token));
            }
            int status;
            String location;
            RefAdvertisement.Refs advertised = null;
            try (CloseableHttpResponse response = connections.client().execute(request)) {
                status = response.getStatusLine().getStatusCode();
                location = response.getFirstHeader("Location") == null ? null
                        : response.getFirstHeader("Location").getValue();
                String type = response.getEntity() == null || response.getEntity().getContentType() == null ? ""
                        : response.getEntity().getContentType().getValue();
                if (status == 200 && type.startsWith("application/x-git-upload-pack-advertisement")) {
                    try (var body = response.getEntity().getContent()) {
                        advertised = RefAdvertisement.parse(body, MAX_ADVERTISEMENT);
                    }
                }
                EntityUtils.consumeQuietly(response.getEntity());
            } catch (PinnedResolver.Refused refused) {
                throw refused.refusal();
            } catch (SocketTimeoutException | ConnectTimeoutException e) {
                throw new SourceRefused("source.repo.timeout", source.host(), settings.timeout().toSeconds());
            } catch (IOException e) {
                throw new SourceRefused("source.repo.unreachable", source.host());
            }
            if (status >= 300 && status < 400) {
                if (location == null) {
                    throw new SourceRefused("source.repo.unexpected", status);
                }
                probe = policy.checkRedirect(probe, location);
                continue;
            }
            if (status == 401 || status == 403 || status == 404) {
                throw new SourceRefused(token == null ? "source.repo.not-found-or-private" : "source.repo.token-refused",
                        source.display());
            }
            if (status != 200) {
                throw new SourceRefused("source.repo.unexpected", status);
            }
            if (advertised != null) {
                return advertised;
            }
            String path = probe.toString();
            return lsRemote(URI.create(path.substring(0, path.indexOf("/info/refs"))), token, connections);
        }
        throw new SourceRefused("source.repo.redirects", MAX_REDIRECTS);
    }

    /** A server that answered without a smart advertisement: JGit asks it its own way. */
    private RefAdvertisement.Refs lsRemote(URI repository, @Nullable String token, GitConnections connections) {
        Map<String, Ref> found = jgitLsRemote(repository, token, connections);
        Map<String, String> refs = new java.util.LinkedHashMap<>();
        Map<String, String> peeled = new java.util.LinkedHashMap<>();
        found.forEach((name, ref) -> {
            if (ref.getObjectId() != null) {
                refs.put(name, ref.getObjectId().name());
            }
            if (ref.getPeeledObjectId() != null) {
                peeled.put(name, ref.getPeeledObjectId().name());
            }
        });
        Ref head = found.get(Constants.HEAD);
        return new RefAdvertisement.Refs(refs, peeled, head != null && head.isSymbolic()
                ? head.getTarget().getName() : null);
    }

    private Map<String, Ref> jgitLsRemote(URI repository, @Nullable String token, GitConnections connections) {
        try {
            var command = Git.lsRemoteRepository().setRemote(repository.toString())
                    .setTransportConfigCallback(connections.forJGit())
                    .setTimeout((int) Math.max(1, settings.timeout().toSeconds()));
            if (token != null) {
                command.setCredentialsProvider(new UsernamePasswordCredentialsProvider("x-access-token", token));
            }
            return command.callAsMap();
        } catch (GitAPIException | RuntimeException e) {
            PinnedResolver.refusalIn(e).ifPresent(refused -> {
                throw refused;
            });
            String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (message.contains("not authorized") || message.contains("authentication")) {
                throw new SourceRefused(token == null ? "source.repo.not-found-or-private" : "source.repo.token-refused",
                        repository.toString());
            }
            if (message.contains("timeout") || message.contains("timed out")) {
                throw new SourceRefused("source.repo.timeout", repository.getHost(), settings.timeout().toSeconds());
            }
            throw new SourceRefused("source.repo.unreadable", repository.toString());
        }
    }

    private static String basic(String token) {
        return "Basic " + Base64.getEncoder().encodeToString(("x-access-token:" + token)
                .getBytes(StandardCharsets.UTF_8));
    }
}

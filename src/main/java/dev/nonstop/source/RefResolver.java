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
        URI repository = reachable(source, token, connections);
        Map<String, Ref> refs = lsRemote(repository, token, connections);
        List<String> branches = refs.keySet().stream().filter(r -> r.startsWith(Constants.R_HEADS))
                .map(r -> r.substring(Constants.R_HEADS.length())).sorted().toList();
        String wanted = source.ref();
        if (wanted == null) {
            Ref head = refs.get(Constants.HEAD);
            if (head == null || head.getObjectId() == null) {
                throw new SourceRefused("source.repo.empty");
            }
            String name = head.isSymbolic() ? head.getTarget().getName() : Constants.HEAD;
            return new ResolvedRef(source, head.getObjectId().name(), name, branches);
        }
        if (wanted.matches("[0-9a-f]{40}")) {
            return new ResolvedRef(source, wanted, wanted, branches);
        }
        for (String name : List.of(Constants.R_HEADS + wanted, Constants.R_TAGS + wanted)) {
            Ref ref = refs.get(name);
            if (ref != null && ref.getObjectId() != null) {
                String commit = ref.getPeeledObjectId() != null ? ref.getPeeledObjectId().name()
                        : ref.getObjectId().name();
                return new ResolvedRef(source, commit, name, branches);
            }
        }
        List<String> shown = branches.size() > MAX_BRANCHES_SHOWN ? branches.subList(0, MAX_BRANCHES_SHOWN) : branches;
        throw new SourceRefused("source.ref.missing", wanted, shown.isEmpty() ? "-" : String.join(", ", shown));
    }

    /** Asks the smart-HTTP endpoint, following redirects only after the policy checked them; the final URL. */
    private URI reachable(GitSource source, @Nullable String token, GitConnections connections) {
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
            try (CloseableHttpResponse response = connections.client().execute(request)) {
                status = response.getStatusLine().getStatusCode();
                location = response.getFirstHeader("Location") == null ? null
                        : response.getFirstHeader("Location").getValue();
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
            String path = probe.toString();
            return URI.create(path.substring(0, path.indexOf("/info/refs")));
        }
        throw new SourceRefused("source.repo.redirects", MAX_REDIRECTS);
    }

    private Map<String, Ref> lsRemote(URI repository, @Nullable String token, GitConnections connections) {
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

package dev.nonstop.source;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
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
    private final HttpClient http;

    public RefResolver(SourcePolicy policy, SourceSettings settings) {
        this.policy = policy;
        this.settings = settings;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.timeout()).build();
    }

    /** The commit the source's ref names now; {@code token} (never logged) opens private repositories. */
    public ResolvedRef resolve(GitSource source, @Nullable String token) {
        URI repository = reachable(source, token);
        Map<String, Ref> refs = lsRemote(repository, token);
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
    private URI reachable(GitSource source, @Nullable String token) {
        URI base = source.repository();
        URI probe = URI.create(base + ".git/info/refs?service=git-upload-pack");
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(probe).timeout(settings.timeout())
                    .header("User-Agent", "git/2.39 nonstop").GET();
            if (token != null) {
                request.header("Authorization", basic(token));
            }
            HttpResponse<Void> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            } catch (HttpTimeoutException e) {
                throw new SourceRefused("source.repo.timeout", source.host(), settings.timeout().toSeconds());
            } catch (ConnectException | UnknownHostException e) {
                throw new SourceRefused("source.repo.unreachable", source.host());
            } catch (IOException e) {
                throw new SourceRefused("source.repo.unreachable", source.host());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SourceRefused("source.repo.timeout", source.host(), settings.timeout().toSeconds());
            }
            int status = response.statusCode();
            if (status >= 300 && status < 400) {
                String location = response.headers().firstValue("Location")
                        .orElseThrow(() -> new SourceRefused("source.repo.unexpected", status));
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

    private Map<String, Ref> lsRemote(URI repository, @Nullable String token) {
        try {
            var command = Git.lsRemoteRepository().setRemote(repository.toString())
                    .setTimeout((int) Math.max(1, settings.timeout().toSeconds()));
            if (token != null) {
                command.setCredentialsProvider(new UsernamePasswordCredentialsProvider("x-access-token", token));
            }
            return command.callAsMap();
        } catch (GitAPIException | RuntimeException e) {
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

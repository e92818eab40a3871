package dev.nonstop.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.BatchingProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.FilterSpec;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.jspecify.annotations.Nullable;

/**
 * Fetches one commit (depth 1, no checkout) into a temporary repository and reads its tree for
 * detection. The fetch is cancelled when it passes the size or time bound, with a message that says
 * which; the temporary repository is always removed. Nothing fetched is ever run.
 */
public final class SourceFetcher {

    /** Asks the server for commits without their trees and files (as {@code git fetch --filter=tree:0}). */
    private static final FilterSpec COMMIT_ONLY = commitOnly();

    /** Paths kept at most, and the size of a file whose content is read. */
    static final int MAX_PATHS = 20_000;
    static final int MAX_FILE_BYTES = 64 * 1024;

    private final SourceSettings settings;
    private final SourcePolicy policy;

    public SourceFetcher(SourceSettings settings, SourcePolicy policy) {
        this.settings = settings;
        this.policy = policy;
    }

    public SourceTree fetch(ResolvedRef ref, @Nullable String token) {
        return fetched(ref, token, false, SourceFetcher::read);
    }

    /**
     * What a commit says and who made it, for a build's history: the same bounded fetch, asking the server
     * for the commit alone (filter {@code tree:0}; a server that ignores it sends the tree, within the
     * bounds). Empty when the ref no longer points at {@code ref.commit()}.
     */
    public Optional<CommitNote> describe(ResolvedRef ref, @Nullable String token) {
        return fetched(ref, token, true, repository -> {
            ObjectId fetched = repository.resolve("refs/nonstop/fetched");
            if (fetched == null || !fetched.name().equals(ref.commit())) {
                return Optional.empty();
            }
            try (RevWalk walk = new RevWalk(repository)) {
                RevCommit commit = walk.parseCommit(fetched);
                return Optional.of(new CommitNote(commit.getShortMessage(), commit.getAuthorIdent().getName()));
            }
        });
    }

    private static FilterSpec commitOnly() {
        try {
            return FilterSpec.fromFilterLine("tree:0");
        } catch (org.eclipse.jgit.errors.PackProtocolException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private interface Reader<T> {
        T read(Repository repository) throws IOException;
    }

    private <T> T fetched(ResolvedRef ref, @Nullable String token, boolean commitOnly, Reader<T> reader) {
        Path dir;
        try {
            dir = Files.createTempDirectory("nonstop-source-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Git git = Git.init().setBare(true).setDirectory(dir.toFile()).call();
             GitConnections connections = new GitConnections(policy.resolverFor(ref.source()), settings.timeout())) {
            // no background garbage collection in a repository that lives for one fetch
            git.getRepository().getConfig().setInt("gc", null, "auto", 0);
            var jgit = connections.forJGit();
            Bounds bounds = new Bounds(dir, settings.maxFetchBytes(), System.nanoTime() + settings.timeout().toNanos());
            var fetch = git.fetch().setRemote(ref.source().repository().toString() + ".git")
                    .setRefSpecs(new RefSpec(ref.refName() + ":refs/nonstop/fetched"))
                    .setTransportConfigCallback(transport -> {
                        jgit.configure(transport);
                        if (commitOnly) {
                            transport.setFilterSpec(COMMIT_ONLY);
                        }
                    })
                    .setDepth(1).setTimeout((int) Math.max(1, settings.timeout().toSeconds()))
                    .setProgressMonitor(bounds);
            if (token != null) {
                fetch.setCredentialsProvider(new UsernamePasswordCredentialsProvider("x-access-token", token));
            }
            try {
                fetch.call();
            } catch (GitAPIException | RuntimeException e) {
                if (bounds.stopped.get() != null) {
                    throw bounds.stopped.get();
                }
                PinnedResolver.refusalIn(e).ifPresent(refused -> {
                    throw refused;
                });
                throw new SourceRefused("source.fetch.failed", ref.source().display());
            }
            if (bounds.stopped.get() != null) {
                throw bounds.stopped.get();
            }
            if (bounds.size() > settings.maxFetchBytes()) {
                // a fetch faster than the checks still never gets past the bound
                throw new SourceRefused("source.fetch.too-big", settings.maxFetchBytes() / (1024 * 1024));
            }
            return reader.read(git.getRepository());
        } catch (GitAPIException e) {
            throw new SourceRefused("source.fetch.failed", ref.source().display());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(dir);
        }
    }

    private static SourceTree read(Repository repository) throws IOException {
        ObjectId fetched = repository.resolve("refs/nonstop/fetched");
        if (fetched == null) {
            throw new SourceRefused("source.repo.empty");
        }
        List<String> paths = new ArrayList<>();
        Map<String, String> files = new LinkedHashMap<>();
        boolean truncated = false;
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit commit = walk.parseCommit(fetched);
            try (TreeWalk tree = new TreeWalk(repository)) {
                tree.addTree(commit.getTree());
                tree.setRecursive(true);
                while (tree.next()) {
                    if (paths.size() >= MAX_PATHS) {
                        truncated = true;
                        break;
                    }
                    String path = tree.getPathString();
                    paths.add(path);
                    if (SourceDetector.wants(path)) {
                        ObjectLoader loader = repository.open(tree.getObjectId(0));
                        if (loader.getSize() <= MAX_FILE_BYTES) {
                            files.put(path, new String(loader.getBytes(), StandardCharsets.UTF_8));
                        }
                    }
                }
            }
            return new SourceTree(commit.name(), List.copyOf(paths), Map.copyOf(files), truncated);
        }
    }

    /** Removes the temporary repository; files vanishing meanwhile (a lock JGit drops) are no error. */
    static void delete(Path dir) {
        for (int attempt = 0; attempt < 3 && Files.exists(dir); attempt++) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | UncheckedIOException vanished) {
                // walk again: what is left goes on the next pass
            }
        }
    }

    /** Cancels the fetch when the repository on disk passes the size bound or time runs out. */
    private static final class Bounds extends BatchingProgressMonitor {
        final AtomicReference<SourceRefused> stopped = new AtomicReference<>();
        private final Path dir;
        private final long maxBytes;
        private final long deadline;
        private long lastCheck;

        Bounds(Path dir, long maxBytes, long deadline) {
            this.dir = dir;
            this.maxBytes = maxBytes;
            this.deadline = deadline;
        }

        @Override
        public boolean isCancelled() {
            long now = System.nanoTime();
            if (now > deadline) {
                stopped.compareAndSet(null, new SourceRefused("source.fetch.too-slow"));
                return true;
            }
            if (now - lastCheck > 20_000_000L) {
                lastCheck = now;
                if (size() > maxBytes) {
                    stopped.compareAndSet(null, new SourceRefused("source.fetch.too-big", maxBytes / (1024 * 1024)));
                    return true;
                }
            }
            return stopped.get() != null;
        }

        long size() {
            try (Stream<Path> files = Files.walk(dir)) {
                return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
            } catch (IOException | UncheckedIOException e) {
                return 0;
            }
        }

        @Override
        protected void onUpdate(String taskName, int workCurr, java.time.Duration duration) {
            isCancelled();
        }

        @Override
        protected void onEndTask(String taskName, int workCurr, java.time.Duration duration) {
        }

        @Override
        protected void onUpdate(String taskName, int workCurr, int workTotal, int percentDone,
                                java.time.Duration duration) {
            isCancelled();
        }

        @Override
        protected void onEndTask(String taskName, int workCurr, int workTotal, int percentDone,
                                 java.time.Duration duration) {
        }
    }
}

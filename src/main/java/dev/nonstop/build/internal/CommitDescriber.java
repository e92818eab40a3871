package dev.nonstop.build.internal;

import dev.nonstop.source.CommitNote;
import dev.nonstop.source.ResolvedRef;
import dev.nonstop.source.SourceFetcher;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records what a build's commit says and who made it, so a release can be recognised by more than its
 * id. A push delivery carries both; for a build started in the portal they are fetched afterwards, off
 * the user's request (the commit alone where the Git host allows it, within the fetch bounds). A commit
 * that cannot be read leaves the build as it was: this is a courtesy, never a reason for a build to fail.
 */
@Component
public class CommitDescriber implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(CommitDescriber.class);

    private final SourceFetcher fetcher;
    private final BuildRepository builds;
    private final BuildSourceRepository sources;
    private final BuildEvents events;
    private final TransactionTemplate tx;
    /** A few at a time; when many builds start at once, the rest go without (their ids still show). */
    private final ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(100), r -> {
                Thread thread = new Thread(r, "commit-notes");
                thread.setDaemon(true);
                return thread;
            }, new ThreadPoolExecutor.DiscardPolicy());

    CommitDescriber(SourceFetcher fetcher, BuildRepository builds, BuildSourceRepository sources,
                    BuildEvents events, TransactionTemplate tx) {
        this.fetcher = fetcher;
        this.builds = builds;
        this.sources = sources;
        this.events = events;
        this.tx = tx;
    }

    /** Fetches the commit's message and author in the background and records them on the build. */
    public void describeLater(long buildId, ResolvedRef ref, @Nullable String token) {
        pool.execute(() -> {
            try {
                fetcher.describe(ref, token).ifPresent(note -> record(buildId, note));
            } catch (RuntimeException unreadable) {
                log.debug("commit {} of build {} not described: {}", ref.commit(), buildId, unreadable.toString());
            }
        });
    }

    /** Records a commit's message and author on a build and tells open screens. */
    public void record(long buildId, CommitNote note) {
        tx.executeWithoutResult(status -> builds.describeCommit(buildId, BuildEntity.cut(note.message(), 500),
                BuildEntity.cut(note.author(), 200)));
        builds.findById(buildId).ifPresent(build -> events.changed(sources.findById(build.sourceId())
                .map(build::toRecord).orElseGet(() -> build.toRecord(""))));
    }

    @Override
    public void destroy() {
        pool.shutdownNow();
    }
}

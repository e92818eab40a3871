package dev.nonstop.build;

/**
 * Whether an app runs from a build source. Implemented by the app feature, so that build never depends
 * on app: a source that is deployed is deleted with its app, not on its own.
 */
public interface SourceUsers {

    boolean inUse(long sourceId);
}

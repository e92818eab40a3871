package dev.nonstop.build;

/** Where a build stands: queued, then one stage after another, then an outcome. */
public enum BuildStatus {
    QUEUED(5), CLONING(20), BUILDING(50), PUSHING(85), SUCCEEDED(100), FAILED(100), CANCELLED(100);

    private final int progress;

    BuildStatus(int progress) {
        this.progress = progress;
    }

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    /** A rough share of the work done, for the progress bar. */
    public int progress() {
        return progress;
    }
}

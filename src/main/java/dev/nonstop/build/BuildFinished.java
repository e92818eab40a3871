package dev.nonstop.build;

/**
 * Published once when a build ends. Deployment listens for {@link BuildStatus#SUCCEEDED} builds
 * triggered by a webhook (push-to-deploy); a failed or cancelled build never reaches deployment.
 */
public record BuildFinished(Build build) {
}

package dev.nonstop.build.manifest;

import dev.nonstop.common.TenantSlug;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Everything one PipelineRun needs: whose build it is (tenant, app, build id), what to build (repository,
 * commit, context, Dockerfile or buildpacks), where the image goes, and the secret holding the
 * repository token, if any.
 */
public record BuildRequest(TenantSlug tenant, String app, long buildId, String repoUrl, String commit,
                           String image, String contextDir, String dockerfile, boolean buildpacks,
                           @Nullable String gitSecret, Duration timeout) {
}

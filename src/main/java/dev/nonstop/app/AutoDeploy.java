package dev.nonstop.app;

import dev.nonstop.build.Build;
import dev.nonstop.build.BuildFinished;
import dev.nonstop.build.BuildStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Builds that deploy themselves: a succeeded build that a GitHub push started (push-to-deploy), or the
 * first build of a new app started with "Build and deploy". Failed builds never roll out.
 */
@Component
class AutoDeploy {

    private static final Logger log = LoggerFactory.getLogger(AutoDeploy.class);
    private final AppService apps;

    AutoDeploy(AppService apps) {
        this.apps = apps;
    }

    @EventListener
    void on(BuildFinished finished) {
        Build build = finished.build();
        if (build.status() != BuildStatus.SUCCEEDED
                || (build.trigger() != Build.Trigger.WEBHOOK && !build.deployOnSuccess())) {
            return;
        }
        try {
            apps.autoDeploy(build);
        } catch (RuntimeException e) {
            log.warn("Build {} not deployed automatically: {}", build.id(), e.toString());
        }
    }
}

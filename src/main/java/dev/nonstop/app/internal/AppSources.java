package dev.nonstop.app.internal;

import dev.nonstop.build.SourceUsers;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Tells the build feature which sources run as apps (see {@link SourceUsers}). */
@Component
class AppSources implements SourceUsers {

    private final AppRepository apps;

    AppSources(AppRepository apps) {
        this.apps = apps;
    }

    @Override
    @Transactional(readOnly = true)
    public boolean inUse(long sourceId) {
        return apps.findBySourceId(sourceId).isPresent();
    }
}

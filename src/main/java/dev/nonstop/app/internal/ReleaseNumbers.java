package dev.nonstop.app.internal;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Numbers the releases made before releases were numbered per app (1, 2, 3… in the order they were made). */
@Component
class ReleaseNumbers {

    private final ReleaseRepository releases;

    ReleaseNumbers(ReleaseRepository releases) {
        this.releases = releases;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Transactional
    public void fillMissing() {
        Map<Long, Integer> last = new HashMap<>();
        for (ReleaseEntity release : releases.findByAppNumberIsNullOrderByIdAsc()) {
            long app = release.toRecord().appId();
            int next = last.computeIfAbsent(app, releases::lastNumber) + 1;
            release.number(next);
            last.put(app, next);
        }
    }
}

package dev.nonstop.build.internal;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Numbers the builds made before builds were numbered per app (1, 2, 3… in the order they were made). */
@Component
class BuildNumbers {

    private final BuildRepository builds;

    BuildNumbers(BuildRepository builds) {
        this.builds = builds;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Transactional
    public void fillMissing() {
        Map<Long, Integer> last = new HashMap<>();
        for (BuildEntity build : builds.findByAppNumberIsNullOrderByIdAsc()) {
            int next = last.computeIfAbsent(build.sourceId(), builds::lastNumber) + 1;
            build.number(next);
            last.put(build.sourceId(), next);
        }
    }
}

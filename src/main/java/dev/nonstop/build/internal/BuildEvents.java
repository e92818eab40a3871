package dev.nonstop.build.internal;

import dev.nonstop.build.Build;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Tells open screens of a tenant that one of its builds moved (from the PipelineRun informers). */
@Component
public class BuildEvents {

    private static final Logger log = LoggerFactory.getLogger(BuildEvents.class);
    private final Map<Long, Set<Consumer<Build>>> listeners = new ConcurrentHashMap<>();

    public Runnable subscribe(long tenantId, Consumer<Build> listener) {
        listeners.computeIfAbsent(tenantId, k -> ConcurrentHashMap.newKeySet()).add(listener);
        return () -> listeners.getOrDefault(tenantId, Set.of()).remove(listener);
    }

    /** Tells open screens that a build changed outside the tracker (e.g. why it was not deployed). */
    public void changed(Build build) {
        publish(build);
    }

    void publish(Build build) {
        for (Consumer<Build> listener : listeners.getOrDefault(build.tenantId(), Set.of())) {
            try {
                listener.accept(build);
            } catch (RuntimeException e) {
                log.debug("build listener failed: {}", e.toString());
            }
        }
    }
}

package dev.nonstop.app;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A zone-loss drill, as the admin page shows it: the zone, who took it away and when, when it was
 * given back, and each app that had replicas there with its timeline.
 */
public record ZoneDrill(long id, String zone, String startedBy, Instant startedAt, @Nullable Instant restoredAt,
                        List<App> apps) {

    public ZoneDrill {
        apps = List.copyOf(apps);
    }

    /** One app in the drill: whose it is, and its own timeline. */
    public record App(String tenant, String name, FailoverDrill timeline) {
    }

    public boolean running() {
        return restoredAt == null;
    }
}

package dev.nonstop.app.internal;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A zone-loss drill an admin started: which zone, by whom, when, and when the zone was given back. */
@Entity
@Table(name = "zone_drills")
public class ZoneDrillEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;
    private String zone = "";
    private String startedBy = "";
    private Instant startedAt = Instant.EPOCH;
    private @Nullable Instant restoredAt;

    protected ZoneDrillEntity() {
    }

    public ZoneDrillEntity(String zone, String startedBy, Instant startedAt) {
        this.zone = zone;
        this.startedBy = startedBy;
        this.startedAt = startedAt;
    }

    public long id() {
        if (id == null) {
            throw new IllegalStateException("not saved yet");
        }
        return id;
    }

    public String zone() {
        return zone;
    }

    public String startedBy() {
        return startedBy;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public @Nullable Instant restoredAt() {
        return restoredAt;
    }

    public void restored(Instant at) {
        restoredAt = at;
    }
}

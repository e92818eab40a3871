package dev.nonstop.app.internal;

import dev.nonstop.app.FailoverDrill;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "failover_drills")
public class DrillEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;
    private long appId;
    private String pod = "";
    private String node = "";
    private boolean nodeFailed;
    private int desired;
    private int minReady;
    private Instant startedAt = Instant.EPOCH;
    private @Nullable Instant droppedAt;
    private @Nullable Instant recoveredAt;
    private boolean finished;
    private String startedBy = "";
    private @Nullable Long zoneDrillId;
    private boolean zonesPromised;
    private @Nullable Instant respreadAt;

    protected DrillEntity() {
    }

    public DrillEntity(long appId, String pod, String node, boolean nodeFailed, int desired, Instant startedAt,
                       String startedBy) {
        this.appId = appId;
        this.pod = pod;
        this.node = node;
        this.nodeFailed = nodeFailed;
        this.desired = desired;
        this.minReady = desired;
        this.startedAt = startedAt;
        this.startedBy = startedBy;
    }

    /** One app's row in a zone-loss drill: the zone stands where the node is. */
    public static DrillEntity inZoneDrill(long zoneDrillId, long appId, String zone, int desired,
                                          boolean zonesPromised, Instant startedAt, String startedBy) {
        DrillEntity drill = new DrillEntity(appId, "", zone, true, desired, startedAt, startedBy);
        drill.zoneDrillId = zoneDrillId;
        drill.zonesPromised = zonesPromised;
        return drill;
    }

    public @Nullable Long zoneDrillId() {
        return zoneDrillId;
    }

    /**
     * A zone drill's observation: ready replicas and the zones they run in, and whether the zone is
     * back. It ends once the app is at full strength with the zone back and, where the tier promises
     * zones, spread over two zones again; true when it just ended.
     */
    public boolean observeZone(int ready, int zones, boolean zoneRestored, Instant at) {
        if (finished) {
            return false;
        }
        minReady = Math.min(minReady, ready);
        if (ready < desired && droppedAt == null) {
            droppedAt = at;
        }
        if (droppedAt != null && recoveredAt == null && ready >= desired) {
            recoveredAt = at;
        }
        if (zoneRestored && zonesPromised && respreadAt == null && ready >= desired && zones >= 2) {
            respreadAt = at;
        }
        if (recoveredAt != null && zoneRestored && (!zonesPromised || respreadAt != null)) {
            finished = true;
            return true;
        }
        return false;
    }

    public long id() {
        if (id == null) {
            throw new IllegalStateException("not saved yet");
        }
        return id;
    }

    /** Records a count of ready replicas seen at {@code at}; true when the drill just finished. */
    public boolean observe(int ready, Instant at) {
        if (finished) {
            return false;
        }
        minReady = Math.min(minReady, ready);
        if (ready < desired && droppedAt == null) {
            droppedAt = at;
        }
        if (droppedAt != null && ready >= desired) {
            recoveredAt = at;
            finished = true;
            return true;
        }
        return false;
    }

    public void giveUp() {
        finished = true;
    }

    public FailoverDrill toRecord() {
        return new FailoverDrill(id(), appId, pod, node, nodeFailed, desired, minReady, startedAt, droppedAt,
                recoveredAt, finished, startedBy, zoneDrillId != null, respreadAt);
    }
}

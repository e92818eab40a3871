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
                recoveredAt, finished, startedBy);
    }
}

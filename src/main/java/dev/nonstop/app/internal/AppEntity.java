package dev.nonstop.app.internal;

import dev.nonstop.app.App;
import dev.nonstop.common.ReplicaSize;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "apps")
@org.hibernate.annotations.DynamicUpdate
public class AppEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;
    private long tenantId;
    private long sourceId;
    private String name = "";
    private int replicas;
    @Enumerated(EnumType.STRING)
    private ReplicaSize size = ReplicaSize.S;
    private boolean autoscaling;
    private boolean stopped;
    private @Nullable Long currentReleaseId;
    private @Nullable Long goodReleaseId;
    private @Nullable String notice;
    private Instant createdAt = Instant.EPOCH;
    private int autoscaleMax;
    private @Nullable Instant restartedAt;
    @Version
    private long version;

    protected AppEntity() {
    }

    public AppEntity(long tenantId, long sourceId, String name, int replicas, ReplicaSize size, Instant createdAt) {
        this.tenantId = tenantId;
        this.sourceId = sourceId;
        this.name = name;
        this.replicas = replicas;
        this.size = size;
        this.createdAt = createdAt;
    }

    public long id() {
        if (id == null) {
            throw new IllegalStateException("not saved yet");
        }
        return id;
    }

    public long tenantId() {
        return tenantId;
    }

    public void scale(int newReplicas) {
        replicas = newReplicas;
    }

    public void resize(ReplicaSize newSize) {
        size = newSize;
    }

    public void autoscale(boolean on, int max) {
        autoscaling = on;
        autoscaleMax = on ? max : 0;
    }

    public int autoscaleMax() {
        return autoscaleMax;
    }

    public void restart(Instant at) {
        restartedAt = at;
    }

    public @Nullable Instant restartedAt() {
        return restartedAt;
    }

    public void stop(boolean stop) {
        stopped = stop;
    }

    public void release(long releaseId) {
        currentReleaseId = releaseId;
    }

    public void good(long releaseId) {
        goodReleaseId = releaseId;
    }

    /** What the user should know about the app (a rollback, a deploy that did not happen), in their language. */
    public void notice(dev.nonstop.common.@Nullable Message message) {
        notice = dev.nonstop.common.MessageJson.write(message);
    }

    public App toRecord() {
        return new App(id(), tenantId, sourceId, name, replicas, size, autoscaling, stopped, currentReleaseId,
                goodReleaseId, dev.nonstop.common.MessageJson.read(notice));
    }
}

package dev.nonstop.app.internal;

import dev.nonstop.app.Release;
import dev.nonstop.common.ReplicaSize;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "releases")
public class ReleaseEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;
    private long appId;
    private @Nullable Long buildId;
    private String image = "";
    private String commitSha = "";
    private int port;
    private String healthPath = "/";
    private int replicas;
    @Enumerated(EnumType.STRING)
    private ReplicaSize size = ReplicaSize.S;
    @Enumerated(EnumType.STRING)
    private Release.Status status = Release.Status.ROLLING_OUT;
    private String createdBy = "";
    private Instant createdAt = Instant.EPOCH;
    private @Nullable String envSnapshot;
    private @Nullable Integer appNumber;

    protected ReleaseEntity() {
    }

    public ReleaseEntity(long appId, @Nullable Long buildId, String image, String commitSha, int port,
                         String healthPath, int replicas, ReplicaSize size, String createdBy, Instant createdAt) {
        this.appId = appId;
        this.buildId = buildId;
        this.image = image;
        this.commitSha = commitSha;
        this.port = port;
        this.healthPath = healthPath;
        this.replicas = replicas;
        this.size = size;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    public long id() {
        if (id == null) {
            throw new IllegalStateException("not saved yet");
        }
        return id;
    }

    /** The app's variables when this release was made (secret values sealed), as written by {@link EnvSnapshot}. */
    public void envSnapshot(String snapshot) {
        envSnapshot = snapshot;
    }

    public @Nullable String envSnapshot() {
        return envSnapshot;
    }

    /** The release's number within its app (1, 2, 3…). */
    public void number(int number) {
        appNumber = number;
    }

    public void status(Release.Status newStatus) {
        status = newStatus;
    }

    public Release toRecord() {
        return new Release(id(), appId, buildId, image, commitSha, port, healthPath, replicas, size, status,
                createdBy, createdAt, appNumber == null ? 0 : appNumber);
    }
}

package dev.nonstop.build.internal;

import dev.nonstop.build.BuildSource;
import dev.nonstop.source.Detection;
import dev.nonstop.source.StackKind;
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
@Table(name = "build_sources")
public class BuildSourceEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;
    private long tenantId;
    private String name = "";
    private String repoUrl = "";
    private @Nullable String trackedRef;
    @Enumerated(EnumType.STRING)
    private StackKind kind = StackKind.NONE;
    private String dockerfile = "";
    private String contextDir = ".";
    private int port;
    private String healthPath = "/";
    private String createdBy = "";
    private Instant createdAt = Instant.EPOCH;
    private @Nullable String webhookSecret;
    private @Nullable String webhookKey;
    private @Nullable Instant deletedAt;
    private @Nullable String deletedName;
    @Version
    private long version;

    protected BuildSourceEntity() {
    }

    public BuildSourceEntity(long tenantId, String name, String repoUrl, @Nullable String trackedRef,
                             Detection detection, String createdBy, Instant createdAt) {
        this.tenantId = tenantId;
        this.name = name;
        this.repoUrl = repoUrl;
        this.trackedRef = trackedRef;
        this.kind = detection.kind();
        this.dockerfile = detection.dockerfile();
        this.contextDir = detection.contextDir();
        this.port = detection.port();
        this.healthPath = detection.healthPath();
        this.createdBy = createdBy;
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

    /** The sealed webhook secret (null until one is made). */
    public @Nullable String webhookSecret() {
        return webhookSecret;
    }

    public void setWebhookSecret(String sealed) {
        webhookSecret = sealed;
    }

    /** The random part of the webhook's address (null only for sources older than the keys). */
    public @Nullable String webhookKey() {
        return webhookKey;
    }

    public void setWebhookKey(String key) {
        webhookKey = key;
    }

    /**
     * The app was deleted: the source leaves every list and its webhook stops; its name is freed for a
     * new app (the old one is kept for the builds that stay in the history).
     */
    public void retire(Instant at) {
        deletedName = name;
        name = "~" + id();
        deletedAt = at;
        webhookKey = null;
        webhookSecret = null;
    }

    public boolean deleted() {
        return deletedAt != null;
    }

    /** The app's name, also after it was deleted. */
    public String appName() {
        return deletedName != null ? deletedName : name;
    }

    public BuildSource toRecord() {
        return new BuildSource(id(), tenantId, name, repoUrl, trackedRef, kind, dockerfile, contextDir, port,
                healthPath);
    }
}

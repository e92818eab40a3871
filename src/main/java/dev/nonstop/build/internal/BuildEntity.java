package dev.nonstop.build.internal;

import dev.nonstop.build.Build;
import dev.nonstop.build.BuildStatus;
import dev.nonstop.build.BuildStep;
import dev.nonstop.build.FailureCause;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "builds")
public class BuildEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;
    private long tenantId;
    private long sourceId;
    private String requestedBy = "";
    @Enumerated(EnumType.STRING)
    @Column(name = "trigger_kind")
    private Build.Trigger trigger = Build.Trigger.MANUAL;
    private String repoUrl = "";
    private String refName = "";
    private String commitSha = "";
    @Enumerated(EnumType.STRING)
    private BuildStatus status = BuildStatus.QUEUED;
    private String steps = "";
    private String image = "";
    private @Nullable String imageDigest;
    @Enumerated(EnumType.STRING)
    private @Nullable FailureCause failureCause;
    private @Nullable String failureDetail;
    private @Nullable String logText;
    private Instant createdAt = Instant.EPOCH;
    private @Nullable Instant startedAt;
    private @Nullable Instant finishedAt;
    private @Nullable Integer appNumber;
    private boolean deployOnSuccess;
    private @Nullable String deployNotice;
    private @Nullable String commitMessage;
    private @Nullable String commitAuthor;
    @Version
    private long version;

    protected BuildEntity() {
    }

    public BuildEntity(long tenantId, long sourceId, String requestedBy, Build.Trigger trigger, String repoUrl,
                       String refName, String commitSha, Instant createdAt) {
        this.tenantId = tenantId;
        this.sourceId = sourceId;
        this.requestedBy = requestedBy;
        this.trigger = trigger;
        this.repoUrl = repoUrl;
        this.refName = refName;
        this.commitSha = commitSha;
        this.createdAt = createdAt;
        this.steps = BuildStep.encode(BuildStep.decode(""));
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

    public long sourceId() {
        return sourceId;
    }

    public BuildStatus status() {
        return status;
    }

    public void setImage(String image) {
        this.image = image;
    }

    /** Records what the cluster says now; a finished build keeps its outcome. */
    public void progress(BuildStatus newStatus, List<BuildStep> newSteps, @Nullable Instant started,
                         @Nullable Instant finished) {
        if (status.finished()) {
            return;
        }
        status = newStatus;
        steps = BuildStep.encode(newSteps);
        startedAt = started == null ? startedAt : started;
        finishedAt = finished;
    }

    public void succeeded(String digest) {
        imageDigest = digest;
    }

    public void failed(FailureCause cause, String detail) {
        failureCause = cause;
        failureDetail = detail.length() > 2000 ? detail.substring(detail.length() - 2000) : detail;
    }

    /** The build's number within its app (1, 2, 3…), given when it is first saved. */
    public void number(int number) {
        appNumber = number;
    }

    public @Nullable Integer number() {
        return appNumber;
    }

    /** Deploys itself once it succeeds (the first build of a new app, as push-to-deploy does later ones). */
    public void deployOnSuccess(boolean deploy) {
        deployOnSuccess = deploy;
    }

    /** Why a succeeded build was not deployed (null: it was, or was not meant to be). */
    public void deployNotice(dev.nonstop.common.@Nullable Message notice) {
        deployNotice = dev.nonstop.common.MessageJson.write(notice);
    }

    /** A text cut to a column's length, marked as cut. */
    static @Nullable String cut(@Nullable String text, int max) {
        return text == null ? null : text.length() > max ? text.substring(0, max - 1) + "…" : text;
    }

    public void keepLog(String log) {
        logText = log;
    }

    public @Nullable String log() {
        return logText;
    }

    /** As users see it, with its app's name and whether that app was deleted since. */
    public Build toRecord(BuildSourceEntity source) {
        return toRecord(source.appName(), source.deleted());
    }

    public Build toRecord(String app) {
        return toRecord(app, false);
    }

    public Build toRecord(String app, boolean appDeleted) {
        return new Build(id(), tenantId, sourceId, app, requestedBy, trigger, repoUrl, refName, commitSha, status,
                BuildStep.decode(steps), image, imageDigest, failureCause, failureDetail, createdAt, startedAt,
                finishedAt, appNumber == null ? 0 : appNumber, deployOnSuccess,
                dev.nonstop.common.MessageJson.read(deployNotice), commitMessage, commitAuthor, appDeleted);
    }
}

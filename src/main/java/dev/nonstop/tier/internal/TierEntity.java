package dev.nonstop.tier.internal;

import dev.nonstop.common.ReplicaSize;
import dev.nonstop.tier.Tier;
import dev.nonstop.tier.TierCode;
import dev.nonstop.tier.TierLimits;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

@Entity
@Table(name = "tiers")
public class TierEntity {

    @Id
    private Long id = 0L;
    private String code = "";
    private int maxApps;
    private int minReplicas;
    private int maxReplicas;
    @Enumerated(EnumType.STRING)
    private ReplicaSize largestSize = ReplicaSize.S;
    private int quotaCpuRequestsMilli;
    private int quotaCpuLimitsMilli;
    private int quotaMemoryRequestsMib;
    private int quotaMemoryLimitsMib;
    private int quotaPods;
    private int buildsPerDay;
    private int concurrentBuilds;
    private int assistantMessagesPerHour;
    private int inspectionsPerHour;
    private boolean zonesPromised;
    private int quotaServices;
    private int quotaPersistentVolumeClaims;
    private int quotaConfigObjects;
    @Version
    private long version;
    private Instant updatedAt = Instant.EPOCH;

    protected TierEntity() {
    }

    public long version() {
        return version;
    }

    public void apply(TierLimits limits) {
        maxApps = limits.maxApps();
        minReplicas = limits.minReplicas();
        maxReplicas = limits.maxReplicas();
        largestSize = limits.largestSize();
        quotaCpuRequestsMilli = limits.quotaCpuRequestsMilli();
        quotaCpuLimitsMilli = limits.quotaCpuLimitsMilli();
        quotaMemoryRequestsMib = limits.quotaMemoryRequestsMib();
        quotaMemoryLimitsMib = limits.quotaMemoryLimitsMib();
        quotaPods = limits.quotaPods();
        buildsPerDay = limits.buildsPerDay();
        concurrentBuilds = limits.concurrentBuilds();
        assistantMessagesPerHour = limits.assistantMessagesPerHour();
        inspectionsPerHour = limits.inspectionsPerHour();
        zonesPromised = limits.zonesPromised();
        quotaServices = limits.quotaServices();
        quotaPersistentVolumeClaims = limits.quotaPersistentVolumeClaims();
        quotaConfigObjects = limits.quotaConfigObjects();
    }

    @PreUpdate
    void touch() {
        updatedAt = Instant.now();
    }

    public Tier toRecord() {
        return new Tier(id, TierCode.valueOf(code), new TierLimits(maxApps, minReplicas, maxReplicas, largestSize,
                quotaCpuRequestsMilli, quotaCpuLimitsMilli, quotaMemoryRequestsMib, quotaMemoryLimitsMib, quotaPods,
                buildsPerDay, concurrentBuilds, assistantMessagesPerHour, zonesPromised, quotaServices,
                quotaPersistentVolumeClaims, quotaConfigObjects, inspectionsPerHour), version);
    }
}

package dev.nonstop.app.internal;

import dev.nonstop.common.TenantSlug;
import dev.nonstop.tenant.AppReplicas;
import dev.nonstop.tenant.TenantDirectory;
import dev.nonstop.tier.TierLimits;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Lowers an app's stored replicas and size when a confirmed downgrade scales its tenant down (see {@link AppReplicas}). */
@Component
class AppReplicaLimits implements AppReplicas {

    private final AppRepository apps;
    private final TenantDirectory tenants;
    private final AppReconciler reconciler;

    AppReplicaLimits(AppRepository apps, TenantDirectory tenants, AppReconciler reconciler) {
        this.apps = apps;
        this.tenants = tenants;
        this.reconciler = reconciler;
    }

    @Override
    @Transactional
    public boolean lower(TenantSlug tenant, String app, int replicas, TierLimits limits) {
        return tenants.idOf(tenant.value()).flatMap(tenantId -> apps.findByTenantIdAndName(tenantId, app))
                .map(entity -> {
                    var record = entity.toRecord();
                    entity.scale(Math.min(record.replicas(), replicas));
                    if (record.autoscaling()) {
                        entity.autoscale(true, Math.min(entity.autoscaleMax(), limits.maxReplicas()));
                    }
                    if (record.size().ordinal() > limits.largestSize().ordinal()) {
                        entity.resize(limits.largestSize());
                    }
                    apps.save(entity);
                    rollOutAfterCommit(entity.id());
                    return true;
                }).orElse(false);
    }

    private void rollOutAfterCommit(long appId) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            reconciler.enqueue(appId);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                reconciler.enqueue(appId);
            }
        });
    }
}

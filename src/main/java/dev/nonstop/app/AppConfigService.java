package dev.nonstop.app;

import dev.nonstop.app.internal.AppEntity;
import dev.nonstop.app.internal.AppEnvEntity;
import dev.nonstop.app.internal.AppEnvRepository;
import dev.nonstop.audit.AuditLog;
import dev.nonstop.common.ServingRules;
import dev.nonstop.common.UserError;
import dev.nonstop.security.Caller;
import dev.nonstop.security.CurrentUser;
import dev.nonstop.security.Secrets;
import dev.nonstop.tenant.TenantInfo;
import dev.nonstop.tenant.TenantService;
import dev.nonstop.tier.TierLimits;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An app's configuration: replica size (within the tier), autoscaling, environment variables and
 * secrets (sealed at rest, delivered as a Secret in the tenant namespace, never shown again), and
 * rolling restarts. Every change rolls out without downtime and is checked against the live quota.
 */
@Service
public class AppConfigService {

    private final AppService apps;
    private final AppEnvRepository env;
    private final TenantService tenants;
    private final Caller caller;
    private final Secrets secrets;
    private final AuditLog audit;
    private final Clock clock;

    AppConfigService(AppService apps, AppEnvRepository env, TenantService tenants, Caller caller, Secrets secrets,
                     AuditLog audit, Clock clock) {
        this.apps = apps;
        this.env = env;
        this.tenants = tenants;
        this.caller = caller;
        this.secrets = secrets;
        this.audit = audit;
        this.clock = clock;
    }

    /** The configuration as users may see it: plain values, and only the names of secrets. */
    @Transactional(readOnly = true)
    public AppConfig config(long appId) {
        AppEntity app = apps.own(caller.require(), appId);
        Map<String, String> plain = new LinkedHashMap<>();
        List<String> secretNames = new ArrayList<>();
        for (AppEnvEntity e : env.findByAppIdOrderByNameAsc(appId)) {
            if (e.secret()) {
                secretNames.add(e.name());
            } else {
                plain.put(e.name(), e.valueText());
            }
        }
        App record = app.toRecord();
        Release current = apps.currentRelease(app);
        return new AppConfig(record.size(), record.autoscaling(), app.autoscaleMax(), plain, Map.of(), secretNames,
                current == null ? null : current.port(), current == null ? null : current.healthPath());
    }

    /** Applies a new configuration (a rolling update). Secret values are sealed; null keeps a stored secret. */
    @Transactional
    public App configure(long appId, AppConfig config) {
        CurrentUser user = caller.require();
        AppEntity app = apps.own(user, appId);
        App before = app.toRecord();
        TenantInfo tenant = tenants.current();
        TierLimits limits = tenant.tier().limits();
        if (config.size().ordinal() > limits.largestSize().ordinal()) {
            throw new UserError("app.config.size", limits.largestSize().name());
        }
        if (config.autoscaling() && (config.autoscaleMax() < before.replicas()
                || config.autoscaleMax() > limits.maxReplicas())) {
            throw new UserError("app.config.autoscale-max", before.replicas(), limits.maxReplicas());
        }
        Map<String, String> stored = new TreeMap<>();
        for (AppEnvEntity e : env.findByAppIdOrderByNameAsc(appId)) {
            if (e.secret()) {
                stored.put(e.name(), e.valueText());
            }
        }
        if (config.env().size() + config.secrets().size() > AppConfig.MAX_VARIABLES) {
            throw new UserError("app.config.too-many", AppConfig.MAX_VARIABLES);
        }
        List<AppEnvEntity> next = new ArrayList<>();
        config.env().forEach((name, value) -> next.add(new AppEnvEntity(appId, EnvRules.checkedName(name),
                EnvRules.checkedValue(name, value), false)));
        Map<String, String> secretValues = new TreeMap<>();
        for (Map.Entry<String, @Nullable String> secret : config.secrets().entrySet()) {
            String name = EnvRules.checkedName(secret.getKey());
            if (config.env().containsKey(name)) {
                throw new UserError("app.config.duplicate", name);
            }
            String sealed;
            if (secret.getValue() == null) {
                sealed = stored.get(name);
                if (sealed != null) {
                    secretValues.put(name, secrets.open(sealed));
                }
            } else {
                secretValues.put(name, EnvRules.checkedValue(name, secret.getValue()));
                sealed = secrets.seal(secret.getValue());
            }
            if (sealed == null) {
                throw new UserError("app.config.secret-missing", name);
            }
            next.add(new AppEnvEntity(appId, name, sealed, true));
        }
        EnvRules.checkTotal(config.env(), secretValues);
        Release current = apps.currentRelease(app);
        int port = config.port() == null ? current == null ? 8080 : current.port() : checkedPort(config.port());
        String healthPath = config.healthPath() == null || config.healthPath().isBlank()
                ? current == null ? "/" : current.healthPath() : checkedHealthPath(config.healthPath().strip());
        int peak = config.autoscaling() ? config.autoscaleMax() : before.replicas();
        apps.check(tenant, before.stopped() ? 0 : before.replicas(), before.size(), peak, config.size());
        env.deleteByAppId(appId);
        env.flush();
        env.saveAll(next);
        app.resize(config.size());
        app.autoscale(config.autoscaling(), config.autoscaleMax());
        env.flush();
        apps.releaseConfiguration(app, user.email().value(), port, healthPath);
        audit.record(tenant.slug().value(), "app.configured", user.email() + " configured " + before.name()
                + ": size " + config.size() + ", autoscaling " + (config.autoscaling() ? "up to "
                + config.autoscaleMax() : "off") + ", port " + port + ", health path " + healthPath + ", variables "
                + config.env().keySet() + ", secrets " + config.secrets().keySet());
        return apps.applyAfterCommit(app);
    }

    /** Restarts every replica, one at a time (a rolling restart: the app keeps serving). */
    @Transactional
    public App restart(long appId) {
        CurrentUser user = caller.require();
        AppEntity app = apps.own(user, appId);
        app.restart(clock.instant());
        audit.record(tenants.current().slug().value(), "app.restarted", user.email() + " restarted "
                + app.toRecord().name());
        return apps.applyAfterCommit(app);
    }

    private static int checkedPort(int port) {
        if (!ServingRules.validPort(port)) {
            throw new UserError("source.detect.port", String.valueOf(port));
        }
        return port;
    }

    private static String checkedHealthPath(String path) {
        if (!ServingRules.validHealthPath(path)) {
            throw new UserError("source.detect.health", path.length() > 40 ? path.substring(0, 40) + "…" : path);
        }
        return path;
    }
}

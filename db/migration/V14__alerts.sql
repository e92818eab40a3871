-- Alerts (issue 12): what went wrong with a tenant's app (or its quota), from the cluster's state or
-- from Prometheus through Alertmanager, kept as history. An open alert has no resolved_at; its
-- fingerprint (source, app, kind and, for Prometheus, the alert's labels) is unique among open alerts,
-- so a repeated notification or evaluation never opens it twice.
CREATE TABLE alerts (
    id               BIGINT        NOT NULL AUTO_INCREMENT,
    tenant_id        BIGINT        NOT NULL,
    app_name         VARCHAR(63)   NULL,
    source           VARCHAR(16)   NOT NULL,
    kind             VARCHAR(64)   NOT NULL,
    severity         VARCHAR(16)   NOT NULL,
    fingerprint      VARCHAR(64)   NOT NULL,
    detail           VARCHAR(500)  NOT NULL,
    started_at       TIMESTAMP(3)  NOT NULL,
    resolved_at      TIMESTAMP(3)  NULL,
    acknowledged_at  TIMESTAMP(3)  NULL,
    acknowledged_by  VARCHAR(254)  NULL,
    open_fingerprint VARCHAR(64)   NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_alerts_open (open_fingerprint),
    KEY ix_alerts_tenant (tenant_id, id),
    CONSTRAINT fk_alerts_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- An app whose alerts a tenant has muted until a moment: still recorded, not shown as a badge.
CREATE TABLE alert_mutes (
    tenant_id    BIGINT        NOT NULL,
    app_name     VARCHAR(63)   NOT NULL,
    muted_until  TIMESTAMP(3)  NOT NULL,
    muted_by     VARCHAR(254)  NOT NULL,
    PRIMARY KEY (tenant_id, app_name),
    CONSTRAINT fk_alert_mutes_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

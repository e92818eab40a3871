-- Where a tenant's alerts are also sent (issue 12): one Slack-compatible incoming-webhook address per
-- tenant, sealed like other secrets (the address is the credential), a hint that is safe to show, the
-- language the messages are written in, and how the last delivery went.
CREATE TABLE alert_hooks (
    tenant_id      BIGINT        NOT NULL,
    url_sealed     VARCHAR(1200) NOT NULL,
    hint           VARCHAR(120)  NOT NULL,
    locale         VARCHAR(16)   NOT NULL,
    set_by         VARCHAR(254)  NOT NULL,
    set_at         TIMESTAMP(3)  NOT NULL,
    last_sent_at   TIMESTAMP(3)  NULL,
    last_error     VARCHAR(300)  NULL,
    PRIMARY KEY (tenant_id),
    CONSTRAINT fk_alert_hooks_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Private repositories and push-to-deploy (issue 5): a tenant's GitHub token (sealed with AES-GCM),
-- each app's webhook secret (sealed), and the webhook deliveries already handled.
CREATE TABLE source_tokens (
    tenant_id    BIGINT        NOT NULL,
    sealed       VARCHAR(1000) NOT NULL,
    hint         VARCHAR(8)    NOT NULL,
    created_by   VARCHAR(254)  NOT NULL,
    created_at   TIMESTAMP(3)  NOT NULL,
    PRIMARY KEY (tenant_id),
    CONSTRAINT fk_source_tokens_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

ALTER TABLE build_sources ADD COLUMN webhook_secret VARCHAR(500) NULL;

CREATE TABLE webhook_deliveries (
    delivery_id  VARCHAR(100)  NOT NULL,
    source_id    BIGINT        NOT NULL,
    received_at  TIMESTAMP(3)  NOT NULL,
    PRIMARY KEY (delivery_id),
    CONSTRAINT fk_webhook_deliveries_source FOREIGN KEY (source_id) REFERENCES build_sources (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

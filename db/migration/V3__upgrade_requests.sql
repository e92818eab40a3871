-- Upgrade requests (issue 4): an OWNER asks for PAID; an admin (later a payment provider) decides.
CREATE TABLE upgrade_requests (
    id            BIGINT        NOT NULL AUTO_INCREMENT,
    tenant_id     BIGINT        NOT NULL,
    target_tier   VARCHAR(16)   NOT NULL,
    state         VARCHAR(16)   NOT NULL,
    requested_by  VARCHAR(254)  NOT NULL,
    requested_at  TIMESTAMP(3)  NOT NULL,
    note          VARCHAR(500)  NOT NULL DEFAULT '',
    decided_by    VARCHAR(254)  NULL,
    decided_at    TIMESTAMP(3)  NULL,
    reason        VARCHAR(500)  NULL,
    version       BIGINT        NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    KEY ix_upgrade_requests_state (state),
    CONSTRAINT fk_upgrade_requests_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

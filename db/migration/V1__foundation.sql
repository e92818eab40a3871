-- Nonstop foundation: tiers, tenants, users, memberships, invitations, audit events, rate-limit buckets.
-- The same SQL runs on H2 (MODE=MySQL) and MySQL/MariaDB.

CREATE TABLE tiers (
    id                           BIGINT       NOT NULL AUTO_INCREMENT,
    code                         VARCHAR(16)  NOT NULL,
    max_apps                     INT          NOT NULL,
    min_replicas                 INT          NOT NULL,
    max_replicas                 INT          NOT NULL,
    largest_size                 VARCHAR(8)   NOT NULL,
    quota_cpu_requests_milli     INT          NOT NULL,
    quota_cpu_limits_milli       INT          NOT NULL,
    quota_memory_requests_mib    INT          NOT NULL,
    quota_memory_limits_mib      INT          NOT NULL,
    quota_pods                   INT          NOT NULL,
    builds_per_day               INT          NOT NULL,
    concurrent_builds            INT          NOT NULL,
    assistant_messages_per_hour  INT          NOT NULL,
    zones_promised               BOOLEAN      NOT NULL,
    version                      BIGINT       NOT NULL DEFAULT 0,
    updated_at                   TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (id),
    UNIQUE KEY uk_tiers_code (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Each tier's quota leaves room for one surge pod per app at the largest size:
-- max_apps * (max_replicas + 1) * size <= quota.  S = 100m/250m CPU, 128/256 MiB; M = 250m/500m, 256/512 MiB.
INSERT INTO tiers (code, max_apps, min_replicas, max_replicas, largest_size,
                   quota_cpu_requests_milli, quota_cpu_limits_milli, quota_memory_requests_mib, quota_memory_limits_mib,
                   quota_pods, builds_per_day, concurrent_builds, assistant_messages_per_hour, zones_promised)
VALUES ('FREE', 2, 2, 3, 'S', 1000, 2000, 1024, 2048, 10, 10, 1, 20, FALSE),
       ('PAID', 10, 2, 6, 'M', 18000, 36000, 18432, 36864, 80, 100, 3, 200, TRUE);

CREATE TABLE tenants (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    slug        VARCHAR(40)  NOT NULL,
    name        VARCHAR(100) NOT NULL,
    tier_id     BIGINT       NOT NULL,
    created_at  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (id),
    UNIQUE KEY uk_tenants_slug (slug),
    CONSTRAINT fk_tenants_tier FOREIGN KEY (tier_id) REFERENCES tiers (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE users (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    email           VARCHAR(254) NOT NULL,
    password_hash   VARCHAR(255) NOT NULL,
    display_name    VARCHAR(80)  NOT NULL,
    platform_admin  BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (id),
    UNIQUE KEY uk_users_email (email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE memberships (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    user_id     BIGINT       NOT NULL,
    tenant_id   BIGINT       NOT NULL,
    role        VARCHAR(16)  NOT NULL,
    created_at  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (id),
    UNIQUE KEY uk_memberships_user (user_id),
    CONSTRAINT fk_memberships_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT fk_memberships_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE invitations (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    tenant_id    BIGINT       NOT NULL,
    email        VARCHAR(254) NOT NULL,
    token_hash   VARCHAR(64)  NOT NULL,
    invited_by   VARCHAR(254) NOT NULL,
    created_at   TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    expires_at   TIMESTAMP(3) NOT NULL,
    accepted_at  TIMESTAMP(3) NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_invitations_token (token_hash),
    CONSTRAINT fk_invitations_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE audit_events (
    id           BIGINT        NOT NULL AUTO_INCREMENT,
    occurred_at  TIMESTAMP(3)  NOT NULL,
    actor        VARCHAR(254)  NOT NULL,
    tenant_slug  VARCHAR(40)   NULL,
    action       VARCHAR(64)   NOT NULL,
    detail       VARCHAR(1000) NOT NULL,
    PRIMARY KEY (id),
    KEY ix_audit_occurred (occurred_at),
    KEY ix_audit_tenant (tenant_slug, occurred_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- bucket4j's MySQL proxy manager keeps each rate-limit bucket's state here (shared by all portal replicas).
CREATE TABLE bucket (
    id     BIGINT NOT NULL,
    state  BLOB,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

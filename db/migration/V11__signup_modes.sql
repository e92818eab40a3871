-- Sign-ups under control (issue 11): the platform's sign-up mode (open, admin approval, invitation
-- only), sign-ups waiting for an admin (nothing of the tenant exists until one approves), one-time
-- sign-up links for invitation-only mode (only their SHA-256 is kept), and repository inspections per
-- hour as a tier limit. The same SQL runs on H2 (MODE=MySQL) and MySQL/MariaDB.
CREATE TABLE platform_settings (
    name        VARCHAR(64)   NOT NULL,
    value_text  VARCHAR(500)  NOT NULL,
    updated_by  VARCHAR(254)  NOT NULL,
    updated_at  TIMESTAMP(3)  NOT NULL,
    PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE signup_requests (
    id              BIGINT        NOT NULL AUTO_INCREMENT,
    email           VARCHAR(254)  NOT NULL,
    password_hash   VARCHAR(255)  NOT NULL,
    display_name    VARCHAR(80)   NOT NULL,
    company_name    VARCHAR(100)  NOT NULL,
    slug            VARCHAR(40)   NOT NULL,
    client_address  VARCHAR(64)   NOT NULL,
    requested_at    TIMESTAMP(3)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_signup_requests_email (email),
    UNIQUE KEY uk_signup_requests_slug (slug)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE signup_invitations (
    id          BIGINT        NOT NULL AUTO_INCREMENT,
    token_hash  VARCHAR(64)   NOT NULL,
    note        VARCHAR(200)  NOT NULL,
    created_by  VARCHAR(254)  NOT NULL,
    created_at  TIMESTAMP(3)  NOT NULL,
    expires_at  TIMESTAMP(3)  NOT NULL,
    used_at     TIMESTAMP(3)  NULL,
    used_by     VARCHAR(254)  NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_signup_invitations_token (token_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

ALTER TABLE tiers ADD COLUMN inspections_per_hour INT NOT NULL DEFAULT 30;
UPDATE tiers SET inspections_per_hour = 30 WHERE code = 'FREE';
UPDATE tiers SET inspections_per_hour = 300 WHERE code = 'PAID';

-- Apps and releases (issue 6): an app deploys a build source's images; every deployed build is a release.
CREATE TABLE apps (
    id                 BIGINT        NOT NULL AUTO_INCREMENT,
    tenant_id          BIGINT        NOT NULL,
    source_id          BIGINT        NOT NULL,
    name               VARCHAR(40)   NOT NULL,
    replicas           INT           NOT NULL,
    size               VARCHAR(8)    NOT NULL,
    autoscaling        BOOLEAN       NOT NULL DEFAULT FALSE,
    stopped            BOOLEAN       NOT NULL DEFAULT FALSE,
    current_release_id BIGINT        NULL,
    good_release_id    BIGINT        NULL,
    notice             VARCHAR(500)  NULL,
    created_at         TIMESTAMP(3)  NOT NULL,
    version            BIGINT        NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    UNIQUE KEY uk_apps_source (source_id),
    UNIQUE KEY uk_apps_name (tenant_id, name),
    CONSTRAINT fk_apps_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_apps_source FOREIGN KEY (source_id) REFERENCES build_sources (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE releases (
    id            BIGINT        NOT NULL AUTO_INCREMENT,
    app_id        BIGINT        NOT NULL,
    build_id      BIGINT        NULL,
    image         VARCHAR(600)  NOT NULL,
    commit_sha    VARCHAR(40)   NOT NULL,
    port          INT           NOT NULL,
    health_path   VARCHAR(200)  NOT NULL,
    replicas      INT           NOT NULL,
    size          VARCHAR(8)    NOT NULL,
    status        VARCHAR(16)   NOT NULL,
    created_by    VARCHAR(254)  NOT NULL,
    created_at    TIMESTAMP(3)  NOT NULL,
    PRIMARY KEY (id),
    KEY ix_releases_app (app_id, id),
    CONSTRAINT fk_releases_app FOREIGN KEY (app_id) REFERENCES apps (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

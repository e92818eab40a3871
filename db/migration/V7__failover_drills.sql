-- Failover drills (issue 6): one pod (and, in the sandbox, its node) taken away, and how the app coped.
CREATE TABLE failover_drills (
    id            BIGINT        NOT NULL AUTO_INCREMENT,
    app_id        BIGINT        NOT NULL,
    pod           VARCHAR(253)  NOT NULL,
    node          VARCHAR(253)  NOT NULL,
    node_failed   BOOLEAN       NOT NULL,
    desired       INT           NOT NULL,
    min_ready     INT           NOT NULL,
    started_at    TIMESTAMP(3)  NOT NULL,
    dropped_at    TIMESTAMP(3)  NULL,
    recovered_at  TIMESTAMP(3)  NULL,
    finished      BOOLEAN       NOT NULL DEFAULT FALSE,
    started_by    VARCHAR(254)  NOT NULL,
    PRIMARY KEY (id),
    KEY ix_failover_drills_app (app_id, id),
    CONSTRAINT fk_failover_drills_app FOREIGN KEY (app_id) REFERENCES apps (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

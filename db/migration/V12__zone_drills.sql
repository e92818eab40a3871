-- Zone-loss drills (issue 18): an admin takes a whole zone away; every app with replicas there gets a
-- failover-drill row with its timeline (capacity dropped, back to full strength in the surviving zones,
-- spread over zones again once the zone is restored, for tiers that promise zones).
CREATE TABLE zone_drills (
    id           BIGINT        NOT NULL AUTO_INCREMENT,
    zone         VARCHAR(63)   NOT NULL,
    started_by   VARCHAR(254)  NOT NULL,
    started_at   TIMESTAMP(3)  NOT NULL,
    restored_at  TIMESTAMP(3)  NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

ALTER TABLE failover_drills ADD COLUMN zone_drill_id BIGINT NULL;
ALTER TABLE failover_drills ADD COLUMN zones_promised BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE failover_drills ADD COLUMN respread_at TIMESTAMP(3) NULL;
ALTER TABLE failover_drills ADD CONSTRAINT fk_failover_drills_zone FOREIGN KEY (zone_drill_id)
    REFERENCES zone_drills (id) ON DELETE CASCADE;

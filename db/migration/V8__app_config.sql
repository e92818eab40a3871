-- App configuration (issue 6): environment variables (secret ones sealed with AES-GCM), autoscaling
-- bounds, and the token of the last requested rolling restart.
ALTER TABLE apps ADD COLUMN autoscale_max INT NOT NULL DEFAULT 0;
ALTER TABLE apps ADD COLUMN restarted_at TIMESTAMP(3) NULL;

CREATE TABLE app_env (
    app_id      BIGINT         NOT NULL,
    name        VARCHAR(100)   NOT NULL,
    value_text  VARCHAR(6000)  NOT NULL,
    secret      BOOLEAN        NOT NULL,
    PRIMARY KEY (app_id, name),
    CONSTRAINT fk_app_env_app FOREIGN KEY (app_id) REFERENCES apps (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- A release snapshots the app's configuration (variables; secret values stay sealed), so a rollback
-- restores the configuration that release ran with (issue 6).
ALTER TABLE releases ADD COLUMN env_snapshot MEDIUMTEXT NULL;

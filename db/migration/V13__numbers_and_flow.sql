-- Issue 18. Builds and releases numbered per app from 1 (numbers that mean something to the user and
-- reveal nothing about other tenants); rows made before get theirs when the portal starts.
ALTER TABLE builds ADD COLUMN app_number INT NULL;
CREATE UNIQUE INDEX uk_builds_app_number ON builds (source_id, app_number);
ALTER TABLE releases ADD COLUMN app_number INT NULL;
CREATE UNIQUE INDEX uk_releases_app_number ON releases (app_id, app_number);

-- A deleted app's source leaves every list; its builds stay in the history under the name it had.
ALTER TABLE build_sources ADD COLUMN deleted_at TIMESTAMP(3) NULL;
ALTER TABLE build_sources ADD COLUMN deleted_name VARCHAR(40) NULL;

-- One flow from URL to running app: a build that deploys itself when it succeeds, and why it did not.
ALTER TABLE builds ADD COLUMN deploy_on_success BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE builds ADD COLUMN deploy_notice VARCHAR(500) NULL;

-- What changed: the commit's message and author, shown with the releases.
ALTER TABLE builds ADD COLUMN commit_message VARCHAR(500) NULL;
ALTER TABLE builds ADD COLUMN commit_author VARCHAR(200) NULL;

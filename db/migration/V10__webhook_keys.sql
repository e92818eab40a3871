-- Webhook addresses that cannot be guessed (issue 11): GitHub posts to /api/hooks/github/<key>, a random
-- key per build source (kept when the secret rotates), instead of the source's sequential id.
-- Sources made before this migration get their key when the portal starts (build.internal.WebhookKeys).
ALTER TABLE build_sources ADD COLUMN webhook_key VARCHAR(64) NULL;
CREATE UNIQUE INDEX uk_build_sources_webhook_key ON build_sources (webhook_key);

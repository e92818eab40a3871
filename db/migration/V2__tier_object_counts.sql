-- Object-count quotas per tier (issue 4): Services, PersistentVolumeClaims (none on FREE), and
-- ConfigMaps and Secrets (each). The same SQL runs on H2 (MODE=MySQL) and MySQL/MariaDB.
ALTER TABLE tiers ADD COLUMN quota_services INT NOT NULL DEFAULT 4;
ALTER TABLE tiers ADD COLUMN quota_persistent_volume_claims INT NOT NULL DEFAULT 0;
ALTER TABLE tiers ADD COLUMN quota_config_objects INT NOT NULL DEFAULT 20;
UPDATE tiers SET quota_services = 4, quota_persistent_volume_claims = 0, quota_config_objects = 20 WHERE code = 'FREE';
UPDATE tiers SET quota_services = 20, quota_persistent_volume_claims = 10, quota_config_objects = 100 WHERE code = 'PAID';

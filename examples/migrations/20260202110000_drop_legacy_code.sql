-- The legacy code is no longer read by any release.
ALTER TABLE users DROP COLUMN legacy_code;
ALTER TABLE accounts ADD COLUMN plan text NOT NULL DEFAULT 'free';

-- Every user gets a status; existing rows are filled with whatever MySQL picks.
ALTER TABLE users ADD COLUMN status enum('active', 'blocked') NOT NULL;
ALTER TABLE users DROP COLUMN legacy_code;

-- Checkpoint state may live in object storage (checkpoint.url); the catalog then records where.
ALTER TABLE checkpoints ALTER COLUMN state DROP NOT NULL;
ALTER TABLE checkpoints ADD COLUMN state_key TEXT;
ALTER TABLE checkpoints ADD COLUMN state_bytes BIGINT;

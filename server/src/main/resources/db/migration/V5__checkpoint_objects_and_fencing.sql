-- Checkpoint state may live in object storage (checkpoint.url); the catalog then records where.
ALTER TABLE checkpoints ALTER COLUMN state DROP NOT NULL;
ALTER TABLE checkpoints ADD COLUMN state_key TEXT;
ALTER TABLE checkpoints ADD COLUMN state_bytes BIGINT;

-- Which server runs a pipeline: each start claims it with a higher generation, and a checkpoint
-- is recorded only by the claimant of the current generation (fencing a server that lost it).
ALTER TABLE pipelines ADD COLUMN run_generation BIGINT NOT NULL DEFAULT 0;
ALTER TABLE pipelines ADD COLUMN run_owner TEXT;
ALTER TABLE pipelines ADD COLUMN run_claimed_at TIMESTAMPTZ;

-- When every sink subtask finished the commit (second phase) of a checkpoint; NULL until then.
ALTER TABLE checkpoints ADD COLUMN committed_at TIMESTAMPTZ;

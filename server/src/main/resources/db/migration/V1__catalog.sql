-- Sluice catalog: everything a restart needs to bring pipelines back as they were.

CREATE TABLE connection_profiles (
    name        TEXT PRIMARY KEY,
    options     JSONB NOT NULL,
    create_sql  TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE tables (
    name        TEXT PRIMARY KEY,
    connector   TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('SOURCE', 'SINK', 'LAKE')),
    -- NULL until a column-less sink receives its schema from the first INSERT.
    columns     JSONB,
    primary_key JSONB NOT NULL DEFAULT '[]',
    options     JSONB NOT NULL,
    create_sql  TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE pipelines (
    name        TEXT PRIMARY KEY,
    query       TEXT NOT NULL,
    plan        JSONB NOT NULL,
    -- What the user asked for; the runtime state is reported by the pipeline manager.
    desired     TEXT NOT NULL CHECK (desired IN ('RUNNING', 'STOPPED')),
    last_error  TEXT,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE SEQUENCE pipeline_name_seq;

CREATE TABLE checkpoints (
    pipeline     TEXT NOT NULL REFERENCES pipelines (name) ON DELETE CASCADE,
    epoch        BIGINT NOT NULL,
    completed_at TIMESTAMPTZ NOT NULL,
    -- operator id + "/" + subtask -> base64 of the operator's state
    state        JSONB NOT NULL,
    PRIMARY KEY (pipeline, epoch)
);

CREATE TABLE users (
    name        TEXT PRIMARY KEY,
    salt        BYTEA NOT NULL,
    iterations  INT NOT NULL,
    stored_key  BYTEA NOT NULL,
    server_key  BYTEA NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

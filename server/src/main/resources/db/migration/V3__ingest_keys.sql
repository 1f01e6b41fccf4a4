-- API keys of the HTTP ingest endpoint. Only the SHA-256 of a key's secret is kept; a revoked key
-- stays listed, with the time it was revoked.

CREATE TABLE ingest_keys (
    name        TEXT PRIMARY KEY,
    key_hash    BYTEA NOT NULL UNIQUE,
    -- Stream names the key may post to; '*' for all.
    streams     JSONB NOT NULL,
    -- Events per second; NULL for the server's ingest.rate_limit.
    rate_limit  INT CHECK (rate_limit > 0),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    revoked_at  TIMESTAMPTZ
);

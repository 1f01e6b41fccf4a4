package io.sluice.executor.plan;

/**
 * The SQL types a Sluice column can have. The Arrow, Parquet and pgwire mappings are decided by
 * {@link SqlType}.
 */
public enum TypeKind {
    BOOLEAN,
    SMALLINT,
    INTEGER,
    BIGINT,
    REAL,
    DOUBLE,
    DECIMAL,
    TEXT,
    /** JSON text kept as raw UTF-8 bytes, never parsed and re-serialised on the way through. */
    JSON,
    BYTEA,
    DATE,
    TIME,
    /** Microseconds since the epoch, no time zone. */
    TIMESTAMP,
    /** Microseconds since the epoch, UTC. */
    TIMESTAMPTZ,
    UUID
}

package io.sluice.executor.error;

/** Who is at fault for an error: decides how it is reported and whether retrying can help. */
public enum ErrorKind {
    /** The user's SQL, options or data is wrong; retrying the same request fails the same way. */
    USER,
    /** A system Sluice talks to (Kafka, S3, Postgres) failed or refused; retrying may succeed. */
    EXTERNAL,
    /** A bug or broken invariant in Sluice itself. */
    INTERNAL
}

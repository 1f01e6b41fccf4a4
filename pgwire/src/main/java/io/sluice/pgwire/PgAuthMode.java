package io.sluice.pgwire;

/** How a client proves who it is. Cleartext and MD5 are deliberately not offered. */
public enum PgAuthMode {
    /** Every user is accepted without a password. */
    TRUST,
    /** SCRAM-SHA-256 against the {@link PgCredentialStore} (no channel binding). */
    SCRAM_SHA_256
}

package io.sluice.pgwire;

import java.util.Optional;

/** Looks up the SCRAM verifier of a user. Implementations must be thread-safe. */
@FunctionalInterface
public interface PgCredentialStore {
    /** A store that knows no user. */
    PgCredentialStore EMPTY = user -> Optional.empty();

    /**
     * The stored verifier of {@code user}, or empty when the user does not exist. Both cases end in
     * the same client-visible error, so the answer is never revealed.
     */
    Optional<ScramCredentials> lookup(String user);
}

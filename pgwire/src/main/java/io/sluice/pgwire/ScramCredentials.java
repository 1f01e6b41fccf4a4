package io.sluice.pgwire;

import static java.util.Objects.requireNonNull;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A SCRAM-SHA-256 verifier as Postgres stores it: the password itself is never kept.
 *
 * @param salt random salt
 * @param iterations PBKDF2 iteration count
 * @param storedKey {@code SHA-256(HMAC(SaltedPassword, "Client Key"))}
 * @param serverKey {@code HMAC(SaltedPassword, "Server Key")}
 */
public record ScramCredentials(byte[] salt, int iterations, byte[] storedKey, byte[] serverKey) {
    public static final int DEFAULT_ITERATIONS = 4096;
    private static final SecureRandom RANDOM = new SecureRandom();

    public ScramCredentials {
        requireNonNull(salt, "salt is null");
        requireNonNull(storedKey, "storedKey is null");
        requireNonNull(serverKey, "serverKey is null");
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive");
        }
        salt = salt.clone();
        storedKey = storedKey.clone();
        serverKey = serverKey.clone();
    }

    /** Derives a verifier from a password with a fresh 16-byte salt and 4096 iterations. */
    public static ScramCredentials fromPassword(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return fromPassword(password, salt, DEFAULT_ITERATIONS);
    }

    public static ScramCredentials fromPassword(String password, byte[] salt, int iterations) {
        requireNonNull(password, "password is null");
        byte[] saltedPassword = Scram.saltedPassword(password, salt, iterations);
        byte[] clientKey = Scram.hmac(saltedPassword, "Client Key");
        byte[] storedKey = Scram.sha256(clientKey);
        byte[] serverKey = Scram.hmac(saltedPassword, "Server Key");
        return new ScramCredentials(salt, iterations, storedKey, serverKey);
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] storedKey() {
        return storedKey.clone();
    }

    @Override
    public byte[] serverKey() {
        return serverKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScramCredentials that
                && iterations == that.iterations
                && Arrays.equals(salt, that.salt)
                && Arrays.equals(storedKey, that.storedKey)
                && Arrays.equals(serverKey, that.serverKey);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(storedKey) + iterations;
    }

    @Override
    public String toString() {
        return "ScramCredentials{iterations=" + iterations + "}";
    }
}

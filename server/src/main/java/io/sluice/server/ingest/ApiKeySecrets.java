package io.sluice.server.ingest;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The secret of an API key: {@code sluice_} followed by 32 random bytes in unpadded base64url. Only
 * the SHA-256 of those bytes is stored; the secret is shown once, when the key is created.
 */
public final class ApiKeySecrets {
    public static final String PREFIX = "sluice_";
    private static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeySecrets() {}

    /** A new secret as the client sends it. */
    public static String generate() {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** The stored hash of a secret; empty when the text is not a well-formed secret. */
    public static Optional<byte[]> hash(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes =
                    Base64.getUrlDecoder()
                            .decode(secret.substring(PREFIX.length()).getBytes(US_ASCII));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (bytes.length != SECRET_BYTES) {
            return Optional.empty();
        }
        try {
            return Optional.of(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    static String hex(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }
}

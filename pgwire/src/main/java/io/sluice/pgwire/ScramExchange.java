package io.sluice.pgwire;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The server side of one SCRAM-SHA-256 exchange. An unknown user gets a made-up verifier, so the
 * exchange runs to the end and fails exactly like a wrong password.
 */
final class ScramExchange {
    static final String MECHANISM = "SCRAM-SHA-256";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] MOCK_SECRET = randomBytes(32);

    private final String user;
    private final ScramCredentials credentials;
    private final boolean userKnown;
    private String clientFirstBare;
    private String serverFirst;
    private String nonce;
    private String gs2Header;

    ScramExchange(String user, Optional<ScramCredentials> credentials) {
        this.user = requireNonNull(user, "user is null");
        this.userKnown = credentials.isPresent();
        this.credentials = credentials.orElseGet(() -> mockCredentials(user));
    }

    /** Consumes client-first-message, returns server-first-message. */
    String handleClientFirst(String clientFirst) {
        // gs2-header: "n,," (no channel binding) or "y,," (client could bind but thinks we can't)
        int first = clientFirst.indexOf(',');
        int second = first < 0 ? -1 : clientFirst.indexOf(',', first + 1);
        if (second < 0) {
            throw protocolError("malformed SCRAM client-first-message");
        }
        String cbindFlag = clientFirst.substring(0, first);
        if (cbindFlag.startsWith("p=")) {
            throw protocolError("channel binding is not supported");
        }
        if (!cbindFlag.equals("n") && !cbindFlag.equals("y")) {
            throw protocolError("malformed SCRAM gs2 header");
        }
        gs2Header = clientFirst.substring(0, second + 1);
        clientFirstBare = clientFirst.substring(second + 1);
        String clientNonce = attribute(clientFirstBare, 'r');
        byte[] serverNonce = randomBytes(18);
        nonce = clientNonce + Base64.getEncoder().encodeToString(serverNonce);
        serverFirst =
                "r="
                        + nonce
                        + ",s="
                        + Base64.getEncoder().encodeToString(credentials.salt())
                        + ",i="
                        + credentials.iterations();
        return serverFirst;
    }

    /**
     * Consumes client-final-message and returns server-final-message, or throws 28P01 when the
     * proof is wrong or the user unknown.
     */
    String handleClientFinal(String clientFinal) {
        if (serverFirst == null) {
            throw protocolError("SCRAM client-final-message before client-first-message");
        }
        int proofAt = clientFinal.lastIndexOf(",p=");
        if (proofAt < 0) {
            throw protocolError("SCRAM client-final-message has no proof");
        }
        String withoutProof = clientFinal.substring(0, proofAt);
        String channelBinding = attribute(withoutProof, 'c');
        String expectedBinding = Base64.getEncoder().encodeToString(gs2Header.getBytes(UTF_8));
        if (!channelBinding.equals(expectedBinding)) {
            throw protocolError("SCRAM channel binding does not match");
        }
        if (!attribute(withoutProof, 'r').equals(nonce)) {
            throw protocolError("SCRAM nonce does not match");
        }
        byte[] proof;
        try {
            proof = Base64.getDecoder().decode(clientFinal.substring(proofAt + 3));
        } catch (IllegalArgumentException e) {
            throw protocolError("malformed SCRAM proof");
        }
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] storedKey = credentials.storedKey();
        byte[] clientSignature = Scram.hmac(storedKey, authMessage);
        if (proof.length != clientSignature.length) {
            throw authenticationFailed(user);
        }
        byte[] clientKey = Scram.xor(proof, clientSignature);
        boolean matches = MessageDigest.isEqual(Scram.sha256(clientKey), storedKey);
        if (!matches || !userKnown) {
            throw authenticationFailed(user);
        }
        byte[] serverSignature = Scram.hmac(credentials.serverKey(), authMessage);
        return "v=" + Base64.getEncoder().encodeToString(serverSignature);
    }

    static PgException authenticationFailed(String user) {
        return new PgException(
                PgSeverity.FATAL,
                PgSqlState.INVALID_PASSWORD,
                "password authentication failed for user \"" + user + "\"");
    }

    private static String attribute(String message, char name) {
        for (String part : message.split(",")) {
            if (part.length() >= 2 && part.charAt(0) == name && part.charAt(1) == '=') {
                return part.substring(2);
            }
        }
        throw protocolError("SCRAM message lacks attribute " + name);
    }

    private static PgException protocolError(String message) {
        return new PgException(PgSeverity.FATAL, PgSqlState.PROTOCOL_VIOLATION, message);
    }

    private static ScramCredentials mockCredentials(String user) {
        // Deterministic per user, so probing twice does not reveal that the salt is random.
        byte[] salt = Scram.hmac(MOCK_SECRET, "salt:" + user);
        byte[] key = Scram.hmac(MOCK_SECRET, "key:" + user);
        return new ScramCredentials(
                java.util.Arrays.copyOf(salt, 16), ScramCredentials.DEFAULT_ITERATIONS, key, key);
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}

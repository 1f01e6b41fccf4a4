package io.sluice.server.ingest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import javax.sql.DataSource;

/** The API keys of the ingest endpoint in the catalog ({@code ingest_keys}). */
public final class ApiKeyStore {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {};

    private final DataSource dataSource;

    public ApiKeyStore(DataSource dataSource) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
    }

    /** A key as listed: never its secret. */
    public record KeyInfo(
            String name,
            Set<String> streams,
            OptionalInt rateLimit,
            Instant createdAt,
            Optional<Instant> revokedAt) {
        public KeyInfo {
            requireNonNull(name, "name is null");
            streams = Set.copyOf(streams);
            requireNonNull(rateLimit, "rateLimit is null");
            requireNonNull(createdAt, "createdAt is null");
            requireNonNull(revokedAt, "revokedAt is null");
        }
    }

    /**
     * Creates a key and returns its secret, which is not stored and cannot be shown again.
     *
     * @throws SluiceException {@code DUPLICATE_OBJECT} if a key of that name exists (even revoked)
     */
    public String create(String name, Set<String> streams, OptionalInt rateLimit) {
        requireNonNull(name, "name is null");
        if (name.isBlank()) {
            throw new SluiceException(ErrorCode.INVALID_OPTION, "a key needs a name");
        }
        if (streams.isEmpty()) {
            throw new SluiceException(
                    ErrorCode.INVALID_OPTION, "a key needs at least one stream (or '*')");
        }
        if (rateLimit.isPresent() && rateLimit.getAsInt() < 1) {
            throw new SluiceException(ErrorCode.INVALID_OPTION, "rate limit must be positive");
        }
        String secret = ApiKeySecrets.generate();
        byte[] hash = ApiKeySecrets.hash(secret).orElseThrow();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement =
                        connection.prepareStatement(
                                "INSERT INTO ingest_keys (name, key_hash, streams, rate_limit)"
                                        + " VALUES (?, ?, ?::jsonb, ?)")) {
            statement.setString(1, name);
            statement.setBytes(2, hash);
            statement.setString(
                    3, MAPPER.writeValueAsString(List.copyOf(new LinkedHashSet<>(streams))));
            if (rateLimit.isPresent()) {
                statement.setInt(4, rateLimit.getAsInt());
            } else {
                statement.setNull(4, Types.INTEGER);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw new SluiceException(
                        ErrorCode.DUPLICATE_OBJECT, "API key \"" + name + "\" already exists");
            }
            throw failure("create API key", e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return secret;
    }

    /** Revokes a key; false if there is no such key or it was revoked already. */
    public boolean revoke(String name) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement =
                        connection.prepareStatement(
                                "UPDATE ingest_keys SET revoked_at = now() WHERE name = ? AND"
                                        + " revoked_at IS NULL")) {
            statement.setString(1, name);
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failure("revoke API key", e);
        }
    }

    /** Every key, revoked ones included, by name. */
    public List<KeyInfo> list() {
        List<KeyInfo> keys = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement =
                        connection.prepareStatement(
                                "SELECT name, streams, rate_limit, created_at, revoked_at FROM"
                                        + " ingest_keys ORDER BY name");
                ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                Timestamp revoked = rs.getTimestamp(5);
                keys.add(
                        new KeyInfo(
                                rs.getString(1),
                                streams(rs.getString(2)),
                                rateLimit(rs),
                                rs.getTimestamp(4).toInstant(),
                                Optional.ofNullable(revoked).map(Timestamp::toInstant)));
            }
        } catch (SQLException e) {
            throw failure("list API keys", e);
        }
        return keys;
    }

    /** The keys that are not revoked, with the hex SHA-256 of their secrets. */
    public List<StoredKey> activeKeys() {
        List<StoredKey> keys = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement =
                        connection.prepareStatement(
                                "SELECT name, key_hash, streams, rate_limit FROM ingest_keys WHERE"
                                        + " revoked_at IS NULL");
                ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                keys.add(
                        new StoredKey(
                                ApiKeySecrets.hex(rs.getBytes(2)),
                                new ApiKey(
                                        rs.getString(1),
                                        streams(rs.getString(3)),
                                        rateLimitAt(rs, 4))));
            }
        } catch (SQLException e) {
            throw failure("read API keys", e);
        }
        return keys;
    }

    /** A key with the hex SHA-256 of its secret. */
    public record StoredKey(String hashHex, ApiKey key) {
        public StoredKey {
            requireNonNull(hashHex, "hashHex is null");
            requireNonNull(key, "key is null");
        }
    }

    private static Set<String> streams(String json) {
        try {
            return Set.copyOf(MAPPER.readValue(json, STRING_LIST));
        } catch (JsonProcessingException e) {
            throw new SluiceException(
                    ErrorCode.INTERNAL_ERROR, "catalog: malformed streams of an API key", e);
        }
    }

    private static OptionalInt rateLimit(ResultSet rs) throws SQLException {
        return rateLimitAt(rs, 3);
    }

    private static OptionalInt rateLimitAt(ResultSet rs, int column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(value);
    }

    private static SluiceException failure(String action, SQLException e) {
        return new SluiceException(
                ErrorCode.EXTERNAL_ERROR, "catalog: cannot " + action + ": " + e.getMessage(), e);
    }
}

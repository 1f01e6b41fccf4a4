package io.sluice.server.catalog;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.pgwire.PgCredentialStore;
import io.sluice.pgwire.ScramCredentials;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Users who may connect over pgwire, stored as SCRAM-SHA-256 verifiers: no password is ever kept.
 */
public final class UserStore implements PgCredentialStore {
    private final DataSource dataSource;

    public UserStore(DataSource dataSource) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
    }

    /** Creates a user, or replaces its password when {@code replace} is set. */
    public void putUser(String name, String password, boolean replace) {
        ScramCredentials credentials = ScramCredentials.fromPassword(password);
        String sql =
                "INSERT INTO users (name, salt, iterations, stored_key, server_key) VALUES (?, ?,"
                        + " ?, ?, ?)"
                        + (replace
                                ? " ON CONFLICT (name) DO UPDATE SET salt = EXCLUDED.salt,"
                                        + " iterations = EXCLUDED.iterations, stored_key ="
                                        + " EXCLUDED.stored_key, server_key = EXCLUDED.server_key"
                                : "");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, name);
            statement.setBytes(2, credentials.salt());
            statement.setInt(3, credentials.iterations());
            statement.setBytes(4, credentials.storedKey());
            statement.setBytes(5, credentials.serverKey());
            statement.executeUpdate();
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw new SluiceException(
                        ErrorCode.DUPLICATE_OBJECT, "role \"" + name + "\" already exists");
            }
            throw new SluiceException(
                    ErrorCode.EXTERNAL_ERROR, "catalog: cannot store user: " + e.getMessage(), e);
        }
    }

    /** Removes a user; false when there was none of that name. */
    public boolean dropUser(String name) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement =
                        connection.prepareStatement("DELETE FROM users WHERE name = ?")) {
            statement.setString(1, name);
            return statement.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new SluiceException(
                    ErrorCode.EXTERNAL_ERROR, "catalog: cannot drop user: " + e.getMessage(), e);
        }
    }

    public boolean hasUsers() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement =
                        connection.prepareStatement("SELECT 1 FROM users LIMIT 1");
                ResultSet rs = statement.executeQuery()) {
            return rs.next();
        } catch (SQLException e) {
            throw new SluiceException(
                    ErrorCode.EXTERNAL_ERROR, "catalog: cannot read users: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<ScramCredentials> lookup(String user) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement =
                        connection.prepareStatement(
                                "SELECT salt, iterations, stored_key, server_key FROM users WHERE"
                                        + " name = ?")) {
            statement.setString(1, user);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(
                        new ScramCredentials(
                                rs.getBytes(1), rs.getInt(2), rs.getBytes(3), rs.getBytes(4)));
            }
        } catch (SQLException e) {
            throw new SluiceException(
                    ErrorCode.EXTERNAL_ERROR, "catalog: cannot read users: " + e.getMessage(), e);
        }
    }
}

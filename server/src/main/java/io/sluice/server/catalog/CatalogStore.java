package io.sluice.server.catalog;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.type.TypeReference;
import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.plan.PipelinePlan;
import io.sluice.executor.plan.PlanCodec;
import io.sluice.executor.plan.RowSchema;
import io.sluice.executor.runtime.CheckpointFencedException;
import io.sluice.executor.runtime.CheckpointStore;
import io.sluice.executor.runtime.CompletedCheckpoint;
import io.sluice.planner.catalog.CatalogView;
import io.sluice.planner.catalog.ColumnClauses;
import io.sluice.planner.catalog.ConnectionProfile;
import io.sluice.planner.catalog.TableDefinition;
import io.sluice.planner.catalog.TableKind;
import io.sluice.server.catalog.StoredPipeline.DesiredState;
import io.sluice.storage.checkpoint.CheckpointObjects;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes the catalog in Postgres: connection profiles, tables, pipelines with their
 * plans, checkpoints and users. Every method is one short transaction, so the catalog stays
 * consistent if the process dies between calls.
 */
public final class CatalogStore implements CatalogView, CheckpointStore {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogStore.class);
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {};

    /**
     * Checkpoints kept per pipeline; older ones are deleted once a newer one completes. Deleting
     * them never loses what an open file or a pending commit needs: every checkpoint's sink state
     * repeats all open files and all commits not yet done, and recovery reads only the latest.
     */
    private static final int RETAINED_CHECKPOINTS = 3;

    private final DataSource dataSource;
    private final Optional<CheckpointObjects> checkpointObjects;

    /** Names this process in the catalog's record of who runs a pipeline. */
    private final String owner = ProcessHandle.current().pid() + "@" + hostName();

    /** The generation this process claimed, per pipeline it runs. */
    private final Map<String, Long> claims = new ConcurrentHashMap<>();

    /** A catalog that keeps checkpoint state in Postgres. */
    public CatalogStore(DataSource dataSource) {
        this(dataSource, Optional.empty());
    }

    /**
     * @param checkpointObjects where checkpoint state goes; the catalog then records only its key
     *     and size. Empty: the state is kept in the catalog itself.
     */
    public CatalogStore(DataSource dataSource, Optional<CheckpointObjects> checkpointObjects) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        this.checkpointObjects = requireNonNull(checkpointObjects, "checkpointObjects is null");
    }

    // ---- connection profiles

    public void createProfile(ConnectionProfile profile, String createSql, boolean ifNotExists) {
        String sql =
                "INSERT INTO connection_profiles (name, options, create_sql) VALUES (?, ?::jsonb,"
                        + " ?)"
                        + (ifNotExists ? " ON CONFLICT (name) DO NOTHING" : "");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, profile.name());
            statement.setString(2, Json.write(profile.options()));
            statement.setString(3, createSql);
            statement.executeUpdate();
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw new SluiceException(
                        ErrorCode.DUPLICATE_OBJECT,
                        "connection profile \"" + profile.name() + "\" already exists");
            }
            throw failure("create connection profile", e);
        }
    }

    @Override
    public Optional<ConnectionProfile> profile(String name) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement =
                        connection.prepareStatement(
                                "SELECT name, options FROM connection_profiles WHERE name = ?")) {
            statement.setString(1, name);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(
                        new ConnectionProfile(
                                rs.getString(1), Json.read(rs.getString(2), STRING_MAP)));
            }
        } catch (SQLException e) {
            throw failure("read connection profile", e);
        }
    }

    public List<ConnectionProfile> profiles() {
        List<ConnectionProfile> result = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement =
                        connection.prepareStatement(
                                "SELECT name, options FROM connection_profiles ORDER BY name");
                ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                result.add(
                        new ConnectionProfile(
                                rs.getString(1), Json.read(rs.getString(2), STRING_MAP)));
            }
            return result;
        } catch (SQLException e) {
            throw failure("list connection profiles", e);
        }
    }

    /** Removes a profile; false when there was none of that name. */
    public boolean dropProfile(String name) {
        return deleteByName(
                "DELETE FROM connection_profiles WHERE name = ?", name, "drop connection profile");
    }

    // ---- tables

    /**
     * Adds a table, or replaces the definition of one with the same name when {@code replace} is
     * set.
     */
    public void putTable(TableDefinition table, String createSql, boolean replace) {
        String sql =
                "INSERT INTO tables (name, connector, role, columns, primary_key, options,"
                        + " create_sql, column_clauses) VALUES (?, ?, ?, ?::jsonb, ?::jsonb,"
                        + " ?::jsonb, ?, ?::jsonb)"
                        + (replace
                                ? " ON CONFLICT (name) DO UPDATE SET connector ="
                                        + " EXCLUDED.connector, role = EXCLUDED.role, columns ="
                                        + " EXCLUDED.columns, primary_key = EXCLUDED.primary_key,"
                                        + " options = EXCLUDED.options, create_sql ="
                                        + " EXCLUDED.create_sql, column_clauses ="
                                        + " EXCLUDED.column_clauses"
                                : "");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, table.name());
            statement.setString(2, table.connector());
            statement.setString(3, table.kind().name());
            statement.setString(4, table.columns().map(Json::write).orElse(null));
            statement.setString(5, Json.write(table.primaryKey()));
            statement.setString(6, Json.write(table.options()));
            statement.setString(7, createSql);
            statement.setString(8, Json.write(table.clauses()));
            statement.executeUpdate();
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw new SluiceException(
                        ErrorCode.DUPLICATE_TABLE,
                        "relation \"" + table.name() + "\" already exists");
            }
            throw failure("create table", e);
        }
    }

    /** Records the schema a column-less sink took from its first INSERT. */
    public void setTableColumns(String name, RowSchema columns) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement =
                        connection.prepareStatement(
                                "UPDATE tables SET columns = ?::jsonb WHERE name = ?")) {
            statement.setString(1, Json.write(columns));
            statement.setString(2, name);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw failure("update table", e);
        }
    }

    @Override
    public Optional<TableDefinition> table(String name) {
        List<TableDefinition> tables =
                queryTables(
                        "SELECT name, connector, role, columns, primary_key, options,"
                                + " column_clauses FROM tables WHERE name = ?",
                        name);
        return tables.stream().findFirst();
    }

    @Override
    public List<TableDefinition> tables() {
        return queryTables(
                "SELECT name, connector, role, columns, primary_key, options, column_clauses"
                        + " FROM tables ORDER BY name",
                null);
    }

    /** The CREATE statement a table was made with, for SHOW CREATE TABLE. */
    public Optional<String> tableCreateSql(String name) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement =
                        connection.prepareStatement(
                                "SELECT create_sql FROM tables WHERE name = ?")) {
            statement.setString(1, name);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read table", e);
        }
    }

    public boolean dropTable(String name) {
        return deleteByName("DELETE FROM tables WHERE name = ?", name, "drop table");
    }

    private List<TableDefinition> queryTables(String sql, String name) {
        List<TableDefinition> result = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            if (name != null) {
                statement.setString(1, name);
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String columns = rs.getString(4);
                    result.add(
                            new TableDefinition(
                                    rs.getString(1),
                                    rs.getString(2),
                                    TableKind.valueOf(rs.getString(3)),
                                    columns == null
                                            ? Optional.empty()
                                            : Optional.of(Json.read(columns, RowSchema.class)),
                                    Json.read(rs.getString(5), STRING_LIST),
                                    Json.read(rs.getString(6), STRING_MAP),
                                    Json.read(rs.getString(7), ColumnClauses.class)));
                }
            }
            return result;
        } catch (SQLException e) {
            throw failure("read tables", e);
        }
    }

    // ---- pipelines

    /** The next free name for a pipeline created by a bare INSERT. */
    public String nextPipelineName() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement =
                        connection.prepareStatement("SELECT nextval('pipeline_name_seq')");
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            return "pipeline_" + rs.getLong(1);
        } catch (SQLException e) {
            throw failure("name pipeline", e);
        }
    }

    public void createPipeline(String name, String query, PipelinePlan plan) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement =
                        connection.prepareStatement(
                                "INSERT INTO pipelines (name, query, plan, desired) VALUES (?, ?,"
                                        + " ?::jsonb, ?)")) {
            statement.setString(1, name);
            statement.setString(2, query);
            statement.setString(3, PlanCodec.toJson(plan));
            statement.setString(4, DesiredState.RUNNING.name());
            statement.executeUpdate();
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw new SluiceException(
                        ErrorCode.DUPLICATE_OBJECT, "pipeline \"" + name + "\" already exists");
            }
            throw failure("create pipeline", e);
        }
    }

    public Optional<StoredPipeline> pipeline(String name) {
        return queryPipelines(
                        "SELECT name, query, plan, desired, last_error, created_at FROM pipelines"
                                + " WHERE name = ?",
                        name)
                .stream()
                .findFirst();
    }

    public List<StoredPipeline> pipelines() {
        return queryPipelines(
                "SELECT name, query, plan, desired, last_error, created_at FROM pipelines ORDER BY"
                        + " created_at, name",
                null);
    }

    public void setDesiredState(String name, DesiredState desired) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement =
                        connection.prepareStatement(
                                "UPDATE pipelines SET desired = ?, updated_at = now() WHERE name ="
                                        + " ?")) {
            statement.setString(1, desired.name());
            statement.setString(2, name);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw failure("update pipeline", e);
        }
    }

    public void setLastError(String name, Optional<String> error) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement =
                        connection.prepareStatement(
                                "UPDATE pipelines SET last_error = ?, updated_at = now() WHERE name"
                                        + " = ?")) {
            statement.setString(1, error.orElse(null));
            statement.setString(2, name);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw failure("update pipeline", e);
        }
    }

    /** Replaces the plan of a pipeline, as ALTER PIPELINE does after replanning it. */
    public void updatePipelinePlan(String name, PipelinePlan plan) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement =
                        connection.prepareStatement(
                                "UPDATE pipelines SET plan = ?::jsonb, updated_at = now() WHERE"
                                        + " name = ?")) {
            statement.setString(1, PlanCodec.toJson(plan));
            statement.setString(2, name);
            if (statement.executeUpdate() == 0) {
                throw new SluiceException(
                        ErrorCode.UNDEFINED_OBJECT, "pipeline \"" + name + "\" does not exist");
            }
        } catch (SQLException e) {
            throw failure("update pipeline", e);
        }
    }

    public boolean dropPipeline(String name) {
        List<String> stateKeys = checkpointStateKeys(name);
        boolean dropped =
                deleteByName("DELETE FROM pipelines WHERE name = ?", name, "drop pipeline");
        deleteCheckpointObjects(stateKeys);
        return dropped;
    }

    private List<StoredPipeline> queryPipelines(String sql, String name) {
        List<StoredPipeline> result = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            if (name != null) {
                statement.setString(1, name);
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    result.add(
                            new StoredPipeline(
                                    rs.getString(1),
                                    rs.getString(2),
                                    PlanCodec.fromJson(rs.getString(3)),
                                    DesiredState.valueOf(rs.getString(4)),
                                    Optional.ofNullable(rs.getString(5)),
                                    rs.getTimestamp(6).toInstant()));
                }
            }
            return result;
        } catch (SQLException e) {
            throw failure("read pipelines", e);
        }
    }

    // ---- checkpoints

    @Override
    public void claim(String pipeline) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement =
                        connection.prepareStatement(
                                "UPDATE pipelines SET run_generation = run_generation + 1,"
                                        + " run_owner = ?, run_claimed_at = now() WHERE name = ?"
                                        + " RETURNING run_generation")) {
            statement.setString(1, owner);
            statement.setString(2, pipeline);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    throw new SluiceException(
                            ErrorCode.UNDEFINED_OBJECT,
                            "pipeline \"" + pipeline + "\" does not exist");
                }
                claims.put(pipeline, rs.getLong(1));
            }
        } catch (SQLException e) {
            throw failure("claim pipeline", e);
        }
    }

    /**
     * Locks the pipeline's row and checks that this process still holds the claim it took; a
     * pipeline this process never claimed (tools, tests) is not checked.
     */
    private void checkClaim(Connection connection, String pipeline) throws SQLException {
        Long claimed = claims.get(pipeline);
        if (claimed == null) {
            return;
        }
        try (PreparedStatement statement =
                connection.prepareStatement(
                        "SELECT run_generation, run_owner, run_claimed_at FROM pipelines WHERE"
                                + " name = ? FOR UPDATE")) {
            statement.setString(1, pipeline);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    throw new CheckpointFencedException(
                            "pipeline \"" + pipeline + "\" was dropped while it ran");
                }
                if (rs.getLong(1) != claimed) {
                    throw new CheckpointFencedException(
                            "pipeline \""
                                    + pipeline
                                    + "\" was taken over by "
                                    + rs.getString(2)
                                    + " at "
                                    + rs.getTimestamp(3).toInstant()
                                    + "; this server ("
                                    + owner
                                    + ") stops its run instead of writing beside it");
                }
            }
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }

    @Override
    public Optional<CompletedCheckpoint> latest(String pipeline) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement =
                        connection.prepareStatement(
                                "SELECT epoch, completed_at, state, state_key FROM checkpoints"
                                        + " WHERE pipeline = ? ORDER BY epoch DESC LIMIT 1")) {
            statement.setString(1, pipeline);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long epoch = rs.getLong(1);
                String stateKey = rs.getString(4);
                String json =
                        stateKey == null
                                ? rs.getString(3)
                                : readStateObject(pipeline, epoch, stateKey);
                Map<String, String> encoded = Json.read(json, STRING_MAP);
                Map<String, byte[]> states = new LinkedHashMap<>();
                encoded.forEach((key, value) -> states.put(key, Base64.getDecoder().decode(value)));
                return Optional.of(
                        new CompletedCheckpoint(epoch, rs.getTimestamp(2).toInstant(), states));
            }
        } catch (SQLException e) {
            throw failure("read checkpoint", e);
        }
    }

    private String readStateObject(String pipeline, long epoch, String stateKey) {
        CheckpointObjects objects =
                checkpointObjects.orElseThrow(
                        () ->
                                new SluiceException(
                                        ErrorCode.EXTERNAL_ERROR,
                                        "checkpoint "
                                                + epoch
                                                + " of pipeline \""
                                                + pipeline
                                                + "\" is stored in object storage under '"
                                                + stateKey
                                                + "', but checkpoint.url is not set"));
        byte[] bytes =
                objects.get(stateKey)
                        .orElseThrow(
                                () ->
                                        new SluiceException(
                                                ErrorCode.EXTERNAL_ERROR,
                                                "the state of checkpoint "
                                                        + epoch
                                                        + " of pipeline \""
                                                        + pipeline
                                                        + "\" is missing at "
                                                        + objects.location(stateKey)));
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public void complete(String pipeline, CompletedCheckpoint checkpoint) {
        Map<String, String> encoded = new LinkedHashMap<>();
        checkpoint
                .states()
                .forEach(
                        (key, value) ->
                                encoded.put(key, Base64.getEncoder().encodeToString(value)));
        String json = Json.write(encoded);
        byte[] stateBytes = json.getBytes(StandardCharsets.UTF_8);
        // The object is written before the row that names it: a crash in between leaves an
        // unnamed object that the next checkpoint of the same epoch overwrites.
        String stateKey = null;
        if (checkpointObjects.isPresent()) {
            // the claim generation keeps a fenced server from overwriting the object of the
            // same epoch that the server now running the pipeline has recorded
            stateKey =
                    pipeline
                            + "/"
                            + checkpoint.epoch()
                            + "-"
                            + claims.getOrDefault(pipeline, 0L)
                            + ".json";
            checkpointObjects.get().put(stateKey, stateBytes);
        }
        long pruneBelow = checkpoint.epoch() - RETAINED_CHECKPOINTS;
        List<String> pruned = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert =
                            connection.prepareStatement(
                                    "INSERT INTO checkpoints (pipeline, epoch, completed_at, state,"
                                            + " state_key, state_bytes) VALUES (?, ?, ?, ?::jsonb,"
                                            + " ?, ?)");
                    PreparedStatement prune =
                            connection.prepareStatement(
                                    "DELETE FROM checkpoints WHERE pipeline = ? AND epoch <= ?"
                                            + " RETURNING state_key")) {
                checkClaim(connection, pipeline);
                insert.setString(1, pipeline);
                insert.setLong(2, checkpoint.epoch());
                insert.setTimestamp(3, Timestamp.from(checkpoint.time()));
                insert.setString(4, stateKey == null ? json : null);
                insert.setString(5, stateKey);
                insert.setLong(6, stateBytes.length);
                insert.executeUpdate();
                prune.setString(1, pipeline);
                prune.setLong(2, pruneBelow);
                try (ResultSet rs = prune.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getString(1) != null) {
                            pruned.add(rs.getString(1));
                        }
                    }
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            // the commit may still have been applied: the object must stay
            throw failure("store checkpoint", e);
        } catch (CheckpointFencedException e) {
            // certainly not recorded, and never will be
            if (stateKey != null) {
                deleteCheckpointObjects(List.of(stateKey));
            }
            throw e;
        }
        deleteCheckpointObjects(pruned);
    }

    /** Keys of the state objects of all of a pipeline's checkpoints. */
    private List<String> checkpointStateKeys(String pipeline) {
        List<String> keys = new ArrayList<>();
        if (checkpointObjects.isEmpty()) {
            return keys;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement =
                        connection.prepareStatement(
                                "SELECT state_key FROM checkpoints WHERE pipeline = ? AND"
                                        + " state_key IS NOT NULL")) {
            statement.setString(1, pipeline);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
            return keys;
        } catch (SQLException e) {
            throw failure("read checkpoints", e);
        }
    }

    /**
     * Deletes state objects whose rows are gone. A failure only leaves garbage behind (no row names
     * the object any more), so it is logged, not thrown.
     */
    private void deleteCheckpointObjects(List<String> keys) {
        for (String key : keys) {
            try {
                checkpointObjects.orElseThrow().delete(key);
            } catch (RuntimeException e) {
                LOG.warn("cannot delete old checkpoint state {}: {}", key, e.getMessage());
            }
        }
    }

    /** Checkpoint history of a pipeline, newest first. */
    public List<CheckpointInfo> checkpoints(String pipeline) {
        List<CheckpointInfo> result = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement =
                        connection.prepareStatement(
                                "SELECT epoch, completed_at, coalesce(state_bytes,"
                                        + " length(state::text)), committed_at"
                                        + " FROM checkpoints WHERE pipeline = ? ORDER BY epoch"
                                        + " DESC")) {
            statement.setString(1, pipeline);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    result.add(
                            new CheckpointInfo(
                                    rs.getLong(1),
                                    rs.getTimestamp(2).toInstant(),
                                    rs.getLong(3),
                                    Optional.ofNullable(rs.getTimestamp(4))
                                            .map(Timestamp::toInstant)));
                }
            }
            return result;
        } catch (SQLException e) {
            throw failure("read checkpoints", e);
        }
    }

    @Override
    public void committed(String pipeline, long epoch) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement =
                        connection.prepareStatement(
                                "UPDATE checkpoints SET committed_at = now() WHERE pipeline = ?"
                                        + " AND epoch = ? AND committed_at IS NULL")) {
            statement.setString(1, pipeline);
            statement.setLong(2, epoch);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw failure("note a committed checkpoint", e);
        }
    }

    /**
     * One row of a pipeline's checkpoint history.
     *
     * @param completedAt when every subtask acknowledged it and it was recorded (first phase)
     * @param stateBytes size of the stored operator state
     * @param committedAt when every sink subtask had committed it (second phase); empty while a
     *     commit is pending or was cut short (the next run finishes it)
     */
    public record CheckpointInfo(
            long epoch, Instant completedAt, long stateBytes, Optional<Instant> committedAt) {
        public CheckpointInfo {
            requireNonNull(completedAt, "completedAt is null");
            requireNonNull(committedAt, "committedAt is null");
        }
    }

    private boolean deleteByName(String sql, String name, String action) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, name);
            return statement.executeUpdate() > 0;
        } catch (SQLException e) {
            throw failure(action, e);
        }
    }

    private static SluiceException failure(String action, SQLException e) {
        return new SluiceException(
                ErrorCode.EXTERNAL_ERROR, "catalog: cannot " + action + ": " + e.getMessage(), e);
    }
}

package io.sluice.storage.delta;

import static java.util.Objects.requireNonNull;

import io.delta.kernel.DataWriteContext;
import io.delta.kernel.Operation;
import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.Transaction;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.ConcurrentTransactionException;
import io.delta.kernel.exceptions.TableAlreadyExistsException;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.statistics.DataFileStatistics;
import io.delta.kernel.transaction.DataLayoutSpec;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterable;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;
import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.runtime.Failpoints;
import io.sluice.storage.filesystem.CommittedFile;
import io.sluice.storage.filesystem.TableCommitter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a sink subtask's published files in a Delta table: one commit per completed checkpoint,
 * carrying {@code txn(appId, version = epoch)}. Before committing it asks the log for the appId's
 * latest version, so a commit that ran before a crash is not repeated; the kernel also refuses a
 * transaction whose version the log already holds.
 */
final class DeltaTableCommitter implements TableCommitter {
    private static final Logger log = LoggerFactory.getLogger(DeltaTableCommitter.class);
    static final String ENGINE_INFO = "Sluice";

    private final Engine engine;
    private final String tablePath;
    private final String appId;
    private final StructType schema;

    private DeltaTableCommitter(Engine engine, String tablePath, String appId, StructType schema) {
        this.engine = requireNonNull(engine, "engine is null");
        this.tablePath = requireNonNull(tablePath, "tablePath is null");
        this.appId = requireNonNull(appId, "appId is null");
        this.schema = requireNonNull(schema, "schema is null");
    }

    /**
     * Opens the table at {@code tablePath}, creating it with {@code schema} and partition columns
     * {@code partitionColumns} when it does not exist.
     */
    static DeltaTableCommitter open(
            Engine engine,
            String tablePath,
            String appId,
            StructType schema,
            List<String> partitionColumns) {
        // The subtasks of a sink open the table at the same moment: one creates it while the
        // others read its first log entry, and Hadoop's local checksum files are not written
        // atomically with the entry, so a reader racing the creation can see a checksum error.
        // Opening one subtask at a time per table in this process avoids the race.
        synchronized (OPEN_LOCKS.computeIfAbsent(tablePath, ignored -> new Object())) {
            try {
                TableManager.loadSnapshot(tablePath).build(engine);
            } catch (TableNotFoundException e) {
                create(engine, tablePath, schema, partitionColumns);
            }
        }
        return new DeltaTableCommitter(engine, tablePath, appId, schema);
    }

    private static final java.util.concurrent.ConcurrentMap<String, Object> OPEN_LOCKS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static void create(
            Engine engine, String tablePath, StructType schema, List<String> partitionColumns) {
        List<Column> partitions = new ArrayList<>();
        partitionColumns.forEach(name -> partitions.add(new Column(name)));
        try {
            TableManager.buildCreateTableTransaction(tablePath, schema, ENGINE_INFO)
                    .withDataLayoutSpec(
                            partitions.isEmpty()
                                    ? DataLayoutSpec.noDataLayout()
                                    : DataLayoutSpec.partitioned(partitions))
                    .build(engine)
                    .commit(engine, CloseableIterable.emptyIterable());
            log.info("Created Delta table {}", tablePath);
        } catch (TableAlreadyExistsException e) {
            // another subtask created it first
        } catch (RuntimeException e) {
            // a racing creation can also surface as a failed commit of version 0
            try {
                TableManager.loadSnapshot(tablePath).build(engine);
            } catch (TableNotFoundException stillMissing) {
                e.addSuppressed(stillMissing);
                throw new SluiceException(
                        ErrorCode.EXTERNAL_ERROR,
                        "cannot create Delta table " + tablePath + ": " + e.getMessage(),
                        e);
            }
        }
    }

    @Override
    public void commit(long epoch, List<CommittedFile> files) {
        Snapshot snapshot = TableManager.loadSnapshot(tablePath).build(engine);
        Optional<Long> committed = snapshot.getLatestTransactionVersion(engine, appId);
        if (committed.isPresent() && committed.get() >= epoch) {
            log.debug(
                    "Delta table {} already holds {} version {}; not committing {} again",
                    tablePath,
                    appId,
                    committed.get(),
                    epoch);
            return;
        }
        Transaction transaction;
        try {
            transaction =
                    snapshot.buildUpdateTableTransaction(ENGINE_INFO, Operation.WRITE)
                            .withTransactionId(appId, epoch)
                            .build(engine);
        } catch (ConcurrentTransactionException e) {
            return; // committed between the check above and now
        }
        Row state = transaction.getTransactionState(engine);
        Map<Map<String, String>, List<DataFileStatus>> byPartition = new LinkedHashMap<>();
        long now = System.currentTimeMillis();
        for (CommittedFile file : files) {
            byPartition
                    .computeIfAbsent(file.partitionValues(), ignored -> new ArrayList<>())
                    .add(
                            new DataFileStatus(
                                    tablePath + "/" + file.relativePath(),
                                    file.size(),
                                    now,
                                    Optional.of(
                                            new DataFileStatistics(
                                                    file.rows(),
                                                    Map.of(),
                                                    Map.of(),
                                                    Map.of(),
                                                    Optional.empty()))));
        }
        List<Row> actions = new ArrayList<>();
        for (Map.Entry<Map<String, String>, List<DataFileStatus>> group : byPartition.entrySet()) {
            DataWriteContext context =
                    Transaction.getWriteContext(engine, state, literals(group.getKey()));
            try (CloseableIterator<Row> rows =
                    Transaction.generateAppendActions(
                            engine,
                            state,
                            io.delta.kernel.internal.util.Utils.toCloseableIterator(
                                    group.getValue().iterator()),
                            context)) {
                rows.forEachRemaining(actions::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Failpoints.hit(Failpoints.COMMIT_BEFORE_ACK);
        try {
            long version =
                    transaction
                            .commit(
                                    engine,
                                    CloseableIterable.inMemoryIterable(
                                            io.delta.kernel.internal.util.Utils.toCloseableIterator(
                                                    actions.iterator())))
                            .getVersion();
            log.debug(
                    "Committed {} file(s) to Delta table {} as version {} ({} {})",
                    files.size(),
                    tablePath,
                    version,
                    appId,
                    epoch);
        } catch (ConcurrentTransactionException e) {
            return; // another attempt committed this epoch first
        } catch (io.delta.kernel.exceptions.ConcurrentWriteException e) {
            throw new SluiceException(
                    ErrorCode.EXTERNAL_ERROR,
                    "cannot commit to Delta table " + tablePath + ": " + e.getMessage(),
                    e);
        }
        Failpoints.hit(Failpoints.COMMIT_AFTER_ACK);
    }

    private Map<String, Literal> literals(Map<String, String> values) {
        Map<String, Literal> literals = new LinkedHashMap<>();
        values.forEach(
                (name, value) ->
                        literals.put(
                                name,
                                DeltaSchemas.partitionLiteral(
                                        schema.get(name).getDataType(), value)));
        return literals;
    }
}

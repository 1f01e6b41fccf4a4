package io.sluice.server.e2e;

import io.delta.kernel.DataWriteContext;
import io.delta.kernel.Operation;
import io.delta.kernel.TableManager;
import io.delta.kernel.Transaction;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.statistics.DataFileStatistics;
import io.delta.kernel.transaction.DataLayoutSpec;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterable;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Delta tables of {@code (id BIGINT, dt STRING)} partitioned by {@code dt}, written for tests:
 * DuckDB writes each file (with the partition column inside, as Sluice's sink does) and the kernel
 * commits it.
 */
final class DeltaTables {
    static final StructType SCHEMA =
            new StructType().add("id", LongType.LONG).add("dt", StringType.STRING);

    private final Engine engine = DefaultEngine.create(new org.apache.hadoop.conf.Configuration());
    private final Path directory;
    private final String tablePath;

    private DeltaTables(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
        this.tablePath = this.directory.toUri().toString().replaceAll("/+$", "");
    }

    /** Creates the table (version 0, no files). */
    static DeltaTables create(Path directory) {
        DeltaTables table = new DeltaTables(directory);
        TableManager.buildCreateTableTransaction(table.tablePath, SCHEMA, "test")
                .withDataLayoutSpec(DataLayoutSpec.partitioned(List.of(new Column("dt"))))
                .build(table.engine)
                .commit(table.engine, CloseableIterable.emptyIterable());
        return table;
    }

    /** Appends one commit of {@code files} files of ids {@code [first, first + rows)} each. */
    long append(String day, long first, int rows, int files) throws Exception {
        Transaction transaction =
                TableManager.loadSnapshot(tablePath)
                        .build(engine)
                        .buildUpdateTableTransaction("test", Operation.WRITE)
                        .build(engine);
        Row state = transaction.getTransactionState(engine);
        List<DataFileStatus> statuses = new ArrayList<>();
        Path partition = Files.createDirectories(directory.resolve("dt=" + day));
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement()) {
            for (int f = 0; f < files; f++) {
                Path file = partition.resolve(UUID.randomUUID() + ".parquet");
                long from = first + (long) f * rows;
                statement.execute(
                        "COPY (SELECT range::BIGINT AS id, '"
                                + day
                                + "' AS dt FROM range("
                                + from
                                + ", "
                                + (from + rows)
                                + ")) TO '"
                                + file
                                + "' (FORMAT parquet)");
                statuses.add(
                        new DataFileStatus(
                                file.toUri().toString(),
                                Files.size(file),
                                System.currentTimeMillis(),
                                Optional.of(
                                        new DataFileStatistics(
                                                rows,
                                                Map.of(),
                                                Map.of(),
                                                Map.of(),
                                                Optional.empty()))));
            }
        }
        DataWriteContext context =
                Transaction.getWriteContext(engine, state, Map.of("dt", Literal.ofString(day)));
        List<Row> actions = new ArrayList<>();
        try (CloseableIterator<Row> rowsOut =
                Transaction.generateAppendActions(
                        engine, state, Utils.toCloseableIterator(statuses.iterator()), context)) {
            rowsOut.forEachRemaining(actions::add);
        }
        return transaction
                .commit(
                        engine,
                        CloseableIterable.inMemoryIterable(
                                Utils.toCloseableIterator(actions.iterator())))
                .getVersion();
    }
}

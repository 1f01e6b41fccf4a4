package io.sluice.server.lake;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.parser.ddl.SqlTableMaintenance;
import io.sluice.pgwire.PgColumn;
import io.sluice.pgwire.PgResult;
import io.sluice.pgwire.PgType;
import io.sluice.planner.LakePartitionFilter;
import io.sluice.planner.Positions;
import io.sluice.planner.catalog.CatalogView;
import io.sluice.planner.catalog.TableDefinition;
import io.sluice.storage.delta.DeltaMaintenance;
import io.sluice.storage.delta.DeltaTableFiles;
import io.sluice.storage.duckdb.LakeLocation;
import io.sluice.storage.duckdb.LakeMaintenance;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Runs {@code OPTIMIZE table [WHERE …]} and {@code VACUUM table [RETAIN n HOURS]} on lake tables:
 * Delta tables get one OPTIMIZE commit and a VACUUM of unreferenced files; Parquet directories get
 * their compaction with a safe swap (which deletes replaced files itself).
 */
public final class LakeMaintenanceStatements {
    /** OPTIMIZE's target file size. */
    public static final long TARGET_FILE_SIZE = 128L << 20;

    /** VACUUM's retention when RETAIN is not given, as Delta's default. */
    public static final Duration DEFAULT_RETENTION = Duration.ofHours(168);

    private LakeMaintenanceStatements() {}

    public static PgResult run(
            String sql, SqlTableMaintenance statement, CatalogView catalog, LakeQueries lake) {
        String name = String.join(".", statement.name().names);
        TableDefinition table =
                catalog.table(name)
                        .orElseThrow(
                                () ->
                                        new SluiceException(
                                                ErrorCode.UNDEFINED_TABLE,
                                                "relation \"" + name + "\" does not exist",
                                                Positions.offset(
                                                        sql, statement.name().getParserPosition()),
                                                null));
        LakeLocation location = LakeQueries.location(table);
        return switch (statement.action()) {
            case OPTIMIZE -> optimize(sql, statement, table, location, lake);
            case VACUUM -> vacuum(sql, statement, table, location, lake.vacuumMinimumRetention());
        };
    }

    private static PgResult optimize(
            String sql,
            SqlTableMaintenance statement,
            TableDefinition table,
            LakeLocation location,
            LakeQueries lake) {
        if (location instanceof LakeLocation.LocalSnapshot delta) {
            Predicate<Map<String, String>> partitions = partitions(sql, statement, delta.root());
            DeltaMaintenance.OptimizeResult result =
                    DeltaMaintenance.optimize(delta.root(), TARGET_FILE_SIZE, 2, partitions);
            return rows(
                    List.of("files_removed", "files_added", "rows_rewritten", "version"),
                    result.filesRemoved(),
                    result.filesAdded(),
                    result.rowsRewritten(),
                    result.version());
        }
        if (statement.where().isPresent()) {
            throw new SluiceException(
                    ErrorCode.FEATURE_NOT_SUPPORTED,
                    "OPTIMIZE … WHERE needs a Delta table; \""
                            + table.name()
                            + "\" is compacted whole",
                    Positions.offset(sql, statement.where().get().getParserPosition()),
                    null);
        }
        LakeMaintenance.CompactionResult result = lake.compact(table, TARGET_FILE_SIZE);
        return rows(
                List.of("files_removed", "files_added", "files_deleted"),
                result.filesReplaced(),
                result.filesWritten(),
                result.filesDeleted());
    }

    /** The partitions OPTIMIZE's WHERE accepts: every filter must name a partition column. */
    private static Predicate<Map<String, String>> partitions(
            String sql, SqlTableMaintenance statement, Path root) {
        if (statement.where().isEmpty()) {
            return partition -> true;
        }
        List<LakePartitionFilter> filters =
                LakePartitionFilter.ofCondition(sql, statement.where().get());
        List<String> columns =
                DeltaTableFiles.latest(root)
                        .map(DeltaTableFiles.Version::partitionColumns)
                        .orElse(List.of());
        for (LakePartitionFilter filter : filters) {
            if (columns.stream().noneMatch(column -> matches(column, filter.column()))) {
                throw new SluiceException(
                        ErrorCode.FEATURE_NOT_SUPPORTED,
                        "OPTIMIZE … WHERE may only filter partition columns "
                                + columns
                                + "; \""
                                + filter.column()
                                + "\" is not one",
                        Positions.offset(sql, statement.where().get().getParserPosition()),
                        null);
            }
        }
        return partition -> {
            for (LakePartitionFilter filter : filters) {
                String value = null;
                for (Map.Entry<String, String> entry : partition.entrySet()) {
                    if (matches(entry.getKey(), filter.column())) {
                        value = entry.getValue();
                    }
                }
                if (!filter.matches(value)) {
                    return false;
                }
            }
            return true;
        };
    }

    private static boolean matches(String partitionColumn, String written) {
        return partitionColumn.equals(written)
                || partitionColumn.toLowerCase(Locale.ROOT).equals(written);
    }

    private static PgResult vacuum(
            String sql,
            SqlTableMaintenance statement,
            TableDefinition table,
            LakeLocation location,
            Duration minimumRetention) {
        if (!(location instanceof LakeLocation.LocalSnapshot delta)) {
            throw new SluiceException(
                    ErrorCode.FEATURE_NOT_SUPPORTED,
                    "VACUUM needs a Delta table; \""
                            + table.name()
                            + "\" is a Parquet directory, whose compaction deletes replaced"
                            + " files itself");
        }
        Duration retention = DEFAULT_RETENTION;
        if (statement.retainHours().isPresent()) {
            retention =
                    Duration.ofHours(statement.retainHours().get().bigDecimalValue().longValue());
            // A query or a pipeline's commit in flight may still need files the latest version
            // no longer lists.
            if (retention.compareTo(minimumRetention) < 0) {
                throw new SluiceException(
                        ErrorCode.INVALID_OPTION,
                        "VACUUM retention "
                                + retention.toHours()
                                + " hours is shorter than the safe minimum of "
                                + minimumRetention.toHours()
                                + " hours (lake.vacuum.min_retention): queries and commits in"
                                + " flight may still read the files it would delete",
                        Positions.offset(sql, statement.retainHours().get().getParserPosition()),
                        null);
            }
        }
        DeltaMaintenance.VacuumResult result = DeltaMaintenance.vacuum(delta.root(), retention);
        return rows(
                List.of("files_deleted", "bytes_deleted"),
                result.filesDeleted(),
                result.bytesDeleted());
    }

    private static PgResult rows(List<String> names, long... values) {
        List<PgColumn> columns = new ArrayList<>();
        for (String name : names) {
            columns.add(new PgColumn(name, PgType.INT8));
        }
        Object[] row = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            row[i] = values[i];
        }
        Iterator<Object[]> rows = List.<Object[]>of(row).iterator();
        return PgResult.rows(columns, rows);
    }
}

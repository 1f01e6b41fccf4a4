package io.sluice.server.lake;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.parser.SluiceParseException;
import io.sluice.parser.SluiceParser;
import io.sluice.parser.TableVersionClauses;
import io.sluice.planner.LakePartitionFilter;
import io.sluice.storage.delta.DeltaTableFiles;
import io.sluice.storage.duckdb.LakeDirectory;
import io.sluice.storage.duckdb.LakeLocation;
import io.sluice.storage.duckdb.LakeTable;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.apache.calcite.sql.SqlNode;

/**
 * Decides which files a lake query reads from each table: the version named by {@code FOR VERSION
 * AS OF} (a view per version, so the latest and an older version can meet in one query), and only
 * the files whose partition values can pass the query's filters on partition columns. Partition
 * values come from a Delta table's log, or from the {@code key=value} directories of a Parquet
 * directory. What was kept is reported for EXPLAIN.
 */
public final class LakeScans {
    private LakeScans() {}

    /**
     * A lake query ready for the engine.
     *
     * @param sql the text DuckDB runs
     * @param tables the tables it may read, by name
     * @param report one line per table scanned, filled when the query lists its files
     */
    public record Prepared(String sql, Map<String, LakeTable> tables, List<String> report) {
        public Prepared {
            requireNonNull(sql, "sql is null");
            tables = Map.copyOf(tables);
            requireNonNull(report, "report is null");
        }
    }

    /**
     * Prepares {@code sql}, a query over {@code tables} (by name, at their latest version).
     *
     * @throws SluiceException FEATURE_NOT_SUPPORTED for a version clause on a table that is not a
     *     local Delta table
     */
    public static Prepared prepare(String sql, Map<String, LakeTable> tables) {
        TableVersionClauses clauses = TableVersionClauses.find(sql);
        Map<String, LakeTable> all = new LinkedHashMap<>(tables);
        Map<String, Long> versions = new HashMap<>();
        Map<String, Integer> positions = new HashMap<>();
        for (TableVersionClauses.Clause clause : clauses.clauses()) {
            LakeTable latest = tables.get(clause.table());
            if (latest == null
                    || !(latest.location() instanceof LakeLocation.LocalSnapshot snapshot)) {
                throw new SluiceException(
                        ErrorCode.FEATURE_NOT_SUPPORTED,
                        "FOR VERSION AS OF needs a local Delta table; \""
                                + clause.table()
                                + "\" is not one",
                        clause.clauseStart(),
                        null);
            }
            String name = versionedName(clause);
            all.put(name, new LakeTable(name, latest.schema(), snapshot));
            versions.put(name, clause.version());
            positions.put(name, clause.clauseStart());
        }
        String rewritten =
                clauses.isEmpty()
                        ? sql
                        : clauses.replaceReferences(
                                clause ->
                                        quote(versionedName(clause))
                                                + (clause.aliased()
                                                        ? ""
                                                        : " AS " + quote(lastPart(clause))));
        SqlNode node = parseQuietly(rewritten);
        List<String> report = new CopyOnWriteArrayList<>();
        Map<String, LakeTable> scanned = new LinkedHashMap<>();
        for (LakeTable table : all.values()) {
            List<LakePartitionFilter> filters =
                    node == null ? List.of() : LakePartitionFilter.of(node, table.name());
            scanned.put(table.name(), scan(table, versions, positions, filters, report));
        }
        return new Prepared(rewritten, scanned, report);
    }

    private static LakeTable scan(
            LakeTable table,
            Map<String, Long> versions,
            Map<String, Integer> positions,
            List<LakePartitionFilter> filters,
            List<String> report) {
        if (table.location() instanceof LakeLocation.LocalSnapshot snapshot) {
            // Delta: the version's active files with their partition values from the log.
            OptionalLong version =
                    versions.containsKey(table.name())
                            ? OptionalLong.of(versions.get(table.name()))
                            : OptionalLong.empty();
            Supplier<List<Path>> files =
                    () -> {
                        DeltaTableFiles.Version files1 =
                                deltaVersion(snapshot.root(), version, positions.get(table.name()));
                        List<Candidate> candidates = new ArrayList<>();
                        for (DeltaTableFiles.DataFile file : files1.dataFiles()) {
                            candidates.add(new Candidate(file.path(), file.partitionValues()));
                        }
                        return keep(table.name(), candidates, filters, report);
                    };
            return new LakeTable(
                    table.name(),
                    table.schema(),
                    new LakeLocation.LocalSnapshot(snapshot.root(), files));
        }
        if (table.location() instanceof LakeLocation.LocalDirectory directory) {
            // Parquet: partition values from key=value directories.
            Path root = directory.directory();
            Supplier<List<Path>> files =
                    () -> {
                        List<Candidate> candidates = new ArrayList<>();
                        for (Path file : LakeDirectory.finishedFiles(root)) {
                            candidates.add(new Candidate(file, hivePartition(root, file)));
                        }
                        return keep(table.name(), candidates, filters, report);
                    };
            return new LakeTable(
                    table.name(), table.schema(), new LakeLocation.LocalSnapshot(root, files));
        }
        return table;
    }

    private static DeltaTableFiles.Version deltaVersion(
            Path root, OptionalLong version, Integer position) {
        if (version.isEmpty()) {
            return DeltaTableFiles.latest(root)
                    .orElse(new DeltaTableFiles.Version(-1, List.of(), List.of()));
        }
        try {
            return DeltaTableFiles.atVersion(root, version.getAsLong());
        } catch (SluiceException e) {
            throw new SluiceException(
                    e.errorCode(), e.getMessage(), position == null ? -1 : position, e);
        }
    }

    private record Candidate(Path path, Map<String, String> partition) {}

    private static List<Path> keep(
            String table,
            List<Candidate> candidates,
            List<LakePartitionFilter> filters,
            List<String> report) {
        List<Path> kept = new ArrayList<>();
        Set<Map<String, String>> partitions = new LinkedHashSet<>();
        Set<Map<String, String>> keptPartitions = new LinkedHashSet<>();
        Set<LakePartitionFilter> used = new LinkedHashSet<>();
        for (Candidate candidate : candidates) {
            partitions.add(candidate.partition());
            boolean pass = true;
            for (LakePartitionFilter filter : filters) {
                String key = partitionKey(candidate.partition(), filter.column());
                if (key != null) {
                    used.add(filter);
                    if (!filter.matches(candidate.partition().get(key))) {
                        pass = false;
                    }
                }
            }
            if (pass) {
                kept.add(candidate.path());
                keptPartitions.add(candidate.partition());
            }
        }
        StringBuilder line =
                new StringBuilder(table)
                        .append(": ")
                        .append(kept.size())
                        .append(" of ")
                        .append(candidates.size())
                        .append(" files");
        boolean partitioned = partitions.stream().anyMatch(partition -> !partition.isEmpty());
        if (partitioned) {
            line.append(", ")
                    .append(keptPartitions.size())
                    .append(" of ")
                    .append(partitions.size())
                    .append(" partitions");
        }
        if (!used.isEmpty()) {
            line.append(" kept by ")
                    .append(String.join(" AND ", used.stream().map(Object::toString).toList()));
        }
        report.add(line.toString());
        return kept;
    }

    /** The partition column {@code column} names, matched as unquoted names are. */
    private static String partitionKey(Map<String, String> partition, String column) {
        if (partition.containsKey(column)) {
            return column;
        }
        for (String key : partition.keySet()) {
            if (key.toLowerCase(Locale.ROOT).equals(column)) {
                return key;
            }
        }
        return null;
    }

    /** The {@code key=value} directories between {@code root} and {@code file}. */
    static Map<String, String> hivePartition(Path root, Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        Path relative = root.relativize(file);
        for (int i = 0; i < relative.getNameCount() - 1; i++) {
            String segment = relative.getName(i).toString();
            int equals = segment.indexOf('=');
            if (equals > 0) {
                String value =
                        URLDecoder.decode(segment.substring(equals + 1), StandardCharsets.UTF_8);
                values.put(
                        segment.substring(0, equals),
                        value.equals("__HIVE_DEFAULT_PARTITION__") ? null : value);
            }
        }
        return values;
    }

    private static SqlNode parseQuietly(String sql) {
        try {
            return SluiceParser.parseStatement(sql);
        } catch (SluiceParseException e) {
            return null; // DuckDB-only syntax: every file is read
        }
    }

    /** A name no catalog table has: catalog names cannot hold {@code @}. */
    private static String versionedName(TableVersionClauses.Clause clause) {
        return clause.table() + "@v" + clause.version();
    }

    private static String lastPart(TableVersionClauses.Clause clause) {
        return clause.table().substring(clause.table().lastIndexOf('.') + 1);
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}

package io.sluice.server.lake;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.planner.catalog.TableDefinition;
import io.sluice.storage.duckdb.LakeCancellation;
import io.sluice.storage.duckdb.LakeQueryEngine;
import io.sluice.storage.duckdb.LakeResult;
import io.sluice.storage.duckdb.LakeTable;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Answers SELECTs over lake tables with DuckDB. DuckDB's sandbox allows reading only a fixed set of
 * directories, chosen when the engine opens, so the engine is reopened with a wider set when a
 * query needs a lake directory it does not allow yet. Engines replaced that way are closed with
 * this object, after queries that may still run on them.
 */
public final class LakeQueries implements AutoCloseable {
    private final List<Path> baseRoots;
    private final List<LakeQueryEngine> retired = new ArrayList<>();
    private LakeQueryEngine engine;
    private Set<Path> roots = Set.of();

    public LakeQueries(List<Path> baseRoots) {
        this.baseRoots = List.copyOf(requireNonNull(baseRoots, "baseRoots is null"));
    }

    public LakeResult query(
            String sql, Map<String, LakeTable> tables, LakeCancellation cancellation) {
        return engineFor(tables).query(sql, tables, cancellation);
    }

    private synchronized LakeQueryEngine engineFor(Map<String, LakeTable> tables) {
        Set<Path> needed = new LinkedHashSet<>(roots);
        for (LakeTable table : tables.values()) {
            Path directory = table.directory().toAbsolutePath().normalize();
            if (needed.stream().noneMatch(directory::startsWith)) {
                needed.add(directory);
            }
        }
        if (engine == null || !needed.equals(roots)) {
            Set<Path> all = new LinkedHashSet<>(baseRoots);
            all.addAll(needed);
            LakeQueryEngine replacement = new LakeQueryEngine(List.copyOf(all));
            if (engine != null) {
                retired.add(engine);
            }
            engine = replacement;
            roots = needed;
        }
        return engine;
    }

    /** The local directory holding a lake table's finished files. */
    public static Path localDirectory(TableDefinition table) {
        String path = table.options().get("path");
        if (path == null) {
            throw new SluiceException(
                    ErrorCode.FEATURE_NOT_SUPPORTED,
                    "table \"" + table.name() + "\" has no path to query");
        }
        if (path.startsWith("s3://")) {
            throw new SluiceException(
                    ErrorCode.FEATURE_NOT_SUPPORTED,
                    "querying tables on S3 is not supported yet (table \"" + table.name() + "\")");
        }
        if (path.startsWith("file:")) {
            return Path.of(URI.create(path));
        }
        return Path.of(path);
    }

    @Override
    public synchronized void close() {
        for (LakeQueryEngine old : retired) {
            old.close();
        }
        retired.clear();
        if (engine != null) {
            engine.close();
            engine = null;
        }
    }
}

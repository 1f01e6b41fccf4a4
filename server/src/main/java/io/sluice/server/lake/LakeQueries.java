package io.sluice.server.lake;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.plan.RowSchema;
import io.sluice.planner.catalog.TableDefinition;
import io.sluice.server.config.ServerConfig;
import io.sluice.server.config.Setting;
import io.sluice.storage.ConnectorOptions;
import io.sluice.storage.cache.ObjectCache;
import io.sluice.storage.cache.S3LakeFiles;
import io.sluice.storage.delta.DeltaConnectorFactory;
import io.sluice.storage.delta.DeltaTableFiles;
import io.sluice.storage.duckdb.LakeCancellation;
import io.sluice.storage.duckdb.LakeLocation;
import io.sluice.storage.duckdb.LakeMaintenance;
import io.sluice.storage.duckdb.LakeQueryEngine;
import io.sluice.storage.duckdb.LakeQueryLimits;
import io.sluice.storage.duckdb.LakeResult;
import io.sluice.storage.duckdb.LakeTable;
import io.sluice.storage.filesystem.FilesystemConnectorFactory;
import io.sluice.storage.s3.S3Settings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Answers SELECTs over lake tables with DuckDB, and compacts lake tables. DuckDB's sandbox allows
 * reading only a fixed set of directories, chosen when the engine opens, so the engine is reopened
 * with a wider set when a query needs a lake directory it does not allow yet. Engines replaced that
 * way are closed with this object, after queries that may still run on them. Tables on S3 are read
 * through a local object cache, which every engine may read.
 */
public final class LakeQueries implements AutoCloseable {
    private final List<Path> baseRoots;
    private final LakeQueryLimits limits;
    private final Optional<S3LakeFiles> s3Files;
    private final LakeMaintenance maintenance;
    private final List<LakeQueryEngine> retired = new ArrayList<>();
    private LakeQueryEngine engine;
    private Set<Path> roots = Set.of();
    // Set once by fromConfig: the shortest retention VACUUM accepts.
    private Duration vacuumMinimumRetention = Duration.ofHours(168);

    /** Local tables only, with default limits. */
    public LakeQueries(List<Path> baseRoots) {
        this(baseRoots, LakeQueryLimits.DEFAULT, Optional.empty());
    }

    /**
     * @param cache where copies of objects of tables on S3 are kept; without it such tables cannot
     *     be queried
     */
    public LakeQueries(List<Path> baseRoots, LakeQueryLimits limits, Optional<ObjectCache> cache) {
        this.baseRoots = List.copyOf(requireNonNull(baseRoots, "baseRoots is null"));
        this.limits = requireNonNull(limits, "limits is null");
        this.s3Files = requireNonNull(cache, "cache is null").map(S3LakeFiles::new);
        // Queries list files when they start and may read them until their time limit.
        this.maintenance = new LakeMaintenance(limits.timeout());
    }

    /** Lake queries configured by the {@code lake.*} settings. */
    public static LakeQueries fromConfig(ServerConfig config, Path dataDir, Path lakeDir) {
        Path cacheDir =
                config.getOptional(Setting.LAKE_CACHE_DIR)
                        .map(Path::of)
                        .orElse(dataDir.resolve("lake-cache"));
        long cacheSize = size(config, Setting.LAKE_CACHE_MAX_SIZE);
        OptionalInt threads =
                config.getOptional(Setting.LAKE_QUERY_THREADS).isPresent()
                        ? OptionalInt.of(config.getInt(Setting.LAKE_QUERY_THREADS))
                        : OptionalInt.empty();
        LakeQueryLimits limits;
        try {
            limits =
                    new LakeQueryLimits(
                            config.getDuration(Setting.LAKE_QUERY_TIMEOUT),
                            config.getOptional(Setting.LAKE_QUERY_MEMORY_LIMIT),
                            threads);
        } catch (IllegalArgumentException e) {
            throw new SluiceException(ErrorCode.INVALID_OPTION, "lake settings: " + e.getMessage());
        }
        LakeQueries lake =
                new LakeQueries(
                        List.of(lakeDir),
                        limits,
                        Optional.of(new ObjectCache(cacheDir, cacheSize)));
        lake.vacuumMinimumRetention = config.getDuration(Setting.LAKE_VACUUM_MIN_RETENTION);
        return lake;
    }

    /** The shortest retention VACUUM accepts ({@code lake.vacuum.min_retention}). */
    public Duration vacuumMinimumRetention() {
        return vacuumMinimumRetention;
    }

    private static long size(ServerConfig config, Setting setting) {
        return config.getSize(setting);
    }

    public LakeResult query(
            String sql, Map<String, LakeTable> tables, LakeCancellation cancellation) {
        return engineFor(tables).query(sql, tables, cancellation);
    }

    /**
     * Rewrites the small finished files of a local lake table into files of about {@code
     * targetSize} bytes while pipelines keep writing it; readers never see duplicates or gaps.
     * Meant for an {@code OPTIMIZE t} statement on tables written by the filesystem connector.
     */
    public LakeMaintenance.CompactionResult compact(TableDefinition table, long targetSize) {
        LakeLocation location = location(table);
        if (!(location instanceof LakeLocation.LocalDirectory local)) {
            throw new SluiceException(
                    ErrorCode.FEATURE_NOT_SUPPORTED,
                    "compaction of table \""
                            + table.name()
                            + "\" is not supported: only local Parquet directories are compacted");
        }
        return maintenance.compact(local.directory(), targetSize);
    }

    private synchronized LakeQueryEngine engineFor(Map<String, LakeTable> tables) {
        Set<Path> needed = new LinkedHashSet<>(roots);
        for (LakeTable table : tables.values()) {
            Optional<Path> directory = localRoot(table.location());
            if (directory.isPresent() && needed.stream().noneMatch(directory.get()::startsWith)) {
                needed.add(directory.get());
            }
        }
        if (engine == null || !needed.equals(roots)) {
            Set<Path> all = new LinkedHashSet<>(baseRoots);
            all.addAll(needed);
            LakeQueryEngine replacement = new LakeQueryEngine(List.copyOf(all), limits, s3Files);
            if (engine != null) {
                retired.add(engine);
            }
            engine = replacement;
            roots = needed;
        }
        return engine;
    }

    private static Optional<Path> localRoot(LakeLocation location) {
        if (location instanceof LakeLocation.LocalDirectory local) {
            return Optional.of(local.directory());
        }
        if (location instanceof LakeLocation.LocalFiles files) {
            return Optional.of(files.root());
        }
        if (location instanceof LakeLocation.LocalSnapshot snapshot) {
            return Optional.of(snapshot.root());
        }
        return Optional.empty();
    }

    /** A lake table as queries see it, from its catalog definition and its columns. */
    public static LakeTable lakeTable(TableDefinition table, RowSchema schema) {
        return new LakeTable(table.name(), schema, location(table));
    }

    /** Where a lake table's finished files are: its {@code path} option, local or on S3. */
    public static LakeLocation location(TableDefinition table) {
        String path = table.options().get("path");
        if (path == null) {
            throw new SluiceException(
                    ErrorCode.FEATURE_NOT_SUPPORTED,
                    "table \"" + table.name() + "\" has no path to query");
        }
        LakeLocation location =
                LakeLocation.parse(path, path.startsWith("s3://") ? s3Settings(table) : null);
        if (DeltaConnectorFactory.NAME.equals(table.connector())) {
            if (!(location instanceof LakeLocation.LocalDirectory local)) {
                // On S3 the object cache reads the log: only the latest version's active files.
                return location;
            }
            // Only files of the latest committed version, resolved when a query starts.
            return new LakeLocation.LocalSnapshot(
                    local.directory(),
                    () ->
                            DeltaTableFiles.latest(local.directory())
                                    .map(DeltaTableFiles.Version::files)
                                    .orElse(List.of()));
        }
        return location;
    }

    /** The S3 connection of a table, from the filesystem connector's {@code s3.*} options. */
    static S3Settings s3Settings(TableDefinition table) {
        ConnectorOptions options =
                new ConnectorOptions(new FilesystemConnectorFactory().options(), table.options());
        return new S3Settings(
                options.get("s3.endpoint").map(URI::create),
                options.getRequired("s3.region"),
                options.get("s3.access_key_id"),
                options.get("s3.secret_access_key"),
                options.getBoolean("s3.path_style"));
    }

    /** The local directory holding a lake table's finished files. */
    public static Path localDirectory(TableDefinition table) {
        LakeLocation location = location(table);
        if (location instanceof LakeLocation.LocalDirectory local) {
            return local.directory();
        }
        throw new SluiceException(
                ErrorCode.FEATURE_NOT_SUPPORTED,
                "table \"" + table.name() + "\" is not in a local directory");
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
        s3Files.ifPresent(S3LakeFiles::close);
    }
}

package io.sluice.server.pgcatalog;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.plan.Column;
import io.sluice.executor.plan.RowSchema;
import io.sluice.pgwire.PgColumn;
import io.sluice.pgwire.PgType;
import io.sluice.planner.catalog.TableDefinition;
import io.sluice.storage.kafka.KafkaPartitionStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-memory DuckDB holding a PostgreSQL-shaped copy of Sluice's catalog ({@code pg_catalog},
 * {@code information_schema} and {@code sluice} system tables) that client catalog queries run
 * against. The database can read no file and its configuration is locked. One query at a time: each
 * refreshes the copy from the catalog snapshot and the asking session first.
 */
final class PgCatalogDatabase implements AutoCloseable {
    static final long OWNER = 10;
    static final long PG_CATALOG_NAMESPACE = 11;
    static final long PUBLIC_NAMESPACE = 2200;
    static final long INFORMATION_SCHEMA_NAMESPACE = 13000;
    static final long SLUICE_NAMESPACE = 16380;
    static final long DATABASE_OID = 16381;
    static final long PG_CLASS_OID = 1259;

    /** The first oid given to a Sluice table; everything below is fixed. */
    static final long FIRST_TABLE_OID = 16384;

    private static final Map<String, Long> WELL_KNOWN_RELATIONS =
            Map.ofEntries(
                    Map.entry("pg_type", 1247L),
                    Map.entry("pg_attribute", 1249L),
                    Map.entry("pg_proc", 1255L),
                    Map.entry("pg_class", PG_CLASS_OID),
                    Map.entry("pg_authid", 1260L),
                    Map.entry("pg_database", 1262L),
                    Map.entry("pg_am", 2601L),
                    Map.entry("pg_attrdef", 2604L),
                    Map.entry("pg_constraint", 2606L),
                    Map.entry("pg_description", 2609L),
                    Map.entry("pg_index", 2610L),
                    Map.entry("pg_namespace", 2615L),
                    Map.entry("pg_enum", 3501L),
                    Map.entry("pg_trigger", 2620L),
                    Map.entry("pg_rewrite", 2618L),
                    Map.entry("pg_inherits", 2611L),
                    Map.entry("pg_collation", 3456L),
                    Map.entry("pg_tablespace", 1213L),
                    Map.entry("pg_roles", 12001L),
                    Map.entry("pg_settings", 12002L));

    private static final Pattern FUNCTION_LABEL =
            Pattern.compile("^(?:pgcat\\.)?\"?([a-z_][a-z0-9_]*)\"?\\(.*\\)$", Pattern.DOTALL);

    private final Connection connection;
    private List<String> definedSearchPath = List.of("public");
    private final Set<String> catalogRelations = new HashSet<>();
    private final Set<String> catalogFunctions = new HashSet<>();
    private final Set<String> informationSchemaRelations = new HashSet<>();
    private final List<Object[]> systemClasses = new ArrayList<>();
    private final List<Object[]> systemAttributes = new ArrayList<>();
    private CatalogSnapshot mirrored;

    PgCatalogDatabase(String versionText) {
        try {
            Properties properties = new Properties();
            properties.setProperty("autoinstall_known_extensions", "false");
            properties.setProperty("autoload_known_extensions", "false");
            this.connection = DriverManager.getConnection("jdbc:duckdb:", properties);
            try (Statement statement = connection.createStatement()) {
                for (String ddl : schemaStatements(versionText)) {
                    statement.execute(ddl);
                }
                statement.execute("SET enable_external_access = false");
                statement.execute("SET lock_configuration = true");
            }
            loadObjectNames();
            loadSystemRelations();
            insertStaticRows();
            refresh(new CatalogSnapshot(List.of(), List.of(), List.of()));
        } catch (SQLException e) {
            throw new SluiceException(
                    ErrorCode.INTERNAL_ERROR,
                    "cannot start the catalog mirror: " + e.getMessage(),
                    e);
        }
    }

    private static List<String> schemaStatements(String versionText) {
        try (InputStream in = PgCatalogDatabase.class.getResourceAsStream("schema.sql")) {
            requireNonNull(in, "schema.sql is missing");
            String text = new String(in.readAllBytes(), UTF_8);
            text = text.replace("${version}", versionText.replace("'", "''"));
            List<String> statements = new ArrayList<>();
            for (String part : text.split("\n;\n?")) {
                StringBuilder sql = new StringBuilder();
                for (String line : part.split("\n")) {
                    if (!line.startsWith("--")) {
                        sql.append(line).append('\n');
                    }
                }
                if (!sql.toString().isBlank()) {
                    statements.add(sql.toString());
                }
            }
            return statements;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void loadObjectNames() throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs =
                        statement.executeQuery(
                                "SELECT schema_name, table_name FROM duckdb_tables()"
                                        + " UNION ALL SELECT schema_name, view_name FROM"
                                        + " duckdb_views() WHERE NOT internal")) {
            while (rs.next()) {
                String schema = rs.getString(1);
                if (schema.equals(PgCatalogRewriter.CATALOG_SCHEMA)) {
                    catalogRelations.add(rs.getString(2));
                } else if (schema.equals(PgCatalogRewriter.INFORMATION_SCHEMA)) {
                    informationSchemaRelations.add(rs.getString(2));
                }
            }
        }
        try (Statement statement = connection.createStatement();
                ResultSet rs =
                        statement.executeQuery(
                                "SELECT DISTINCT function_name FROM duckdb_functions() WHERE"
                                        + " schema_name = '"
                                        + PgCatalogRewriter.CATALOG_SCHEMA
                                        + "'")) {
            while (rs.next()) {
                catalogFunctions.add(rs.getString(1));
            }
        }
        catalogRelations.remove("pg_session");
    }

    /**
     * pg_class and pg_attribute rows for the mirror's own relations, so clients can browse them.
     */
    private void loadSystemRelations() throws SQLException {
        Map<String, List<String[]>> columns = new TreeMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs =
                        statement.executeQuery(
                                "SELECT schema_name, table_name, column_name, data_type FROM"
                                        + " duckdb_columns() WHERE schema_name IN ('pgcat',"
                                        + " 'pgisc', 'sluice') AND table_name <> 'pg_session'"
                                        + " ORDER BY schema_name, table_name, column_index")) {
            while (rs.next()) {
                columns.computeIfAbsent(
                                rs.getString(1) + "." + rs.getString(2), k -> new ArrayList<>())
                        .add(new String[] {rs.getString(3), rs.getString(4)});
            }
        }
        long next = 12100;
        long nextSluice = 16300;
        for (Map.Entry<String, List<String[]>> relation : columns.entrySet()) {
            String[] name = relation.getKey().split("\\.", 2);
            long namespace;
            long oid;
            switch (name[0]) {
                case "pgcat":
                    namespace = PG_CATALOG_NAMESPACE;
                    oid = WELL_KNOWN_RELATIONS.getOrDefault(name[1], next++);
                    break;
                case "pgisc":
                    namespace = INFORMATION_SCHEMA_NAMESPACE;
                    oid = next++;
                    break;
                default:
                    namespace = SLUICE_NAMESPACE;
                    oid = nextSluice++;
                    break;
            }
            List<String[]> attributes = relation.getValue();
            systemClasses.add(classRow(oid, name[1], namespace, "v", attributes.size(), false));
            for (int i = 0; i < attributes.size(); i++) {
                long type = PgTypeCatalog.oidOfDuckDb(attributes.get(i)[1]);
                systemAttributes.add(
                        attributeRow(oid, attributes.get(i)[0], type, i + 1, -1, false));
            }
        }
    }

    private void insertStaticRows() throws SQLException {
        insert(
                "pgcat.pg_namespace",
                List.of(
                        new Object[] {PG_CATALOG_NAMESPACE, "pg_catalog", OWNER, null},
                        new Object[] {PUBLIC_NAMESPACE, "public", OWNER, null},
                        new Object[] {
                            INFORMATION_SCHEMA_NAMESPACE, "information_schema", OWNER, null
                        },
                        new Object[] {SLUICE_NAMESPACE, "sluice", OWNER, null}));
        insert("pgcat.pg_type", PgTypeCatalog.rows());
        insert(
                "pgcat.pg_am",
                List.of(
                        new Object[] {2L, "heap", "heap_tableam_handler", "t"},
                        new Object[] {403L, "btree", "bthandler", "i"}));
        insert(
                "pgcat.pg_tablespace",
                List.of(
                        new Object[] {1663L, "pg_default", OWNER, null, null},
                        new Object[] {1664L, "pg_global", OWNER, null, null}));
        insert(
                "pgcat.pg_collation",
                List.of(
                        new Object[] {
                            PgTypeCatalog.DEFAULT_COLLATION,
                            "default",
                            PG_CATALOG_NAMESPACE,
                            OWNER,
                            "d",
                            true,
                            -1,
                            null,
                            null,
                            null,
                            null,
                            null
                        },
                        new Object[] {
                            950L,
                            "C",
                            PG_CATALOG_NAMESPACE,
                            OWNER,
                            "c",
                            true,
                            -1,
                            "C",
                            "C",
                            null,
                            null,
                            null
                        }));
        insert(
                "pgcat.pg_language",
                List.of(
                        new Object[] {12L, "internal", OWNER, false, false, 0L, 0L, 0L, null},
                        new Object[] {14L, "sql", OWNER, false, true, 0L, 0L, 0L, null}));
        List<Object[]> keywords = new ArrayList<>();
        for (String word : PgKeywords.RESERVED) {
            keywords.add(new Object[] {word, "R", true, "reserved", "can be bare label"});
        }
        insert("pgcat.pg_keywords", keywords);
    }

    Set<String> catalogRelations() {
        return catalogRelations;
    }

    Set<String> catalogFunctions() {
        return catalogFunctions;
    }

    Set<String> informationSchemaRelations() {
        return informationSchemaRelations;
    }

    /** Brings the Sluice relations of the mirror up to {@code snapshot}. */
    private void refresh(CatalogSnapshot snapshot) throws SQLException {
        if (snapshot.equals(mirrored)) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            for (String table :
                    List.of(
                            "pgcat.pg_class",
                            "pgcat.pg_attribute",
                            "pgcat.pg_index",
                            "pgcat.pg_constraint",
                            "pgcat.pg_description",
                            "sluice.pipelines",
                            "sluice.connection_profiles",
                            "sluice.tables",
                            "sluice.pipeline_sources")) {
                statement.execute("DELETE FROM " + table);
            }
        }
        List<Object[]> classes = new ArrayList<>(systemClasses);
        List<Object[]> attributes = new ArrayList<>(systemAttributes);
        List<Object[]> indexes = new ArrayList<>();
        List<Object[]> constraints = new ArrayList<>();
        List<Object[]> descriptions = new ArrayList<>();
        List<Object[]> tables = new ArrayList<>();
        long oid = FIRST_TABLE_OID;
        for (TableDefinition table : snapshot.tables()) {
            long tableOid = oid;
            oid += 2;
            List<Column> columns = table.columns().map(RowSchema::columns).orElse(List.of());
            List<Short> keyPositions = new ArrayList<>();
            for (String key : table.primaryKey()) {
                for (int i = 0; i < columns.size(); i++) {
                    if (columns.get(i).name().equals(key)) {
                        keyPositions.add((short) (i + 1));
                    }
                }
            }
            boolean hasKey = !keyPositions.isEmpty();
            classes.add(
                    classRow(
                            tableOid, table.name(), PUBLIC_NAMESPACE, "r", columns.size(), hasKey));
            for (int i = 0; i < columns.size(); i++) {
                Column column = columns.get(i);
                PgType type = PgTypeCatalog.pgType(column.type());
                boolean notNull =
                        !column.type().nullable() || table.primaryKey().contains(column.name());
                attributes.add(
                        attributeRow(
                                tableOid,
                                column.name(),
                                type.oid(),
                                i + 1,
                                PgTypeCatalog.typeModifier(column.type()),
                                notNull));
            }
            descriptions.add(
                    new Object[] {
                        tableOid,
                        PG_CLASS_OID,
                        0,
                        table.kind().name().toLowerCase(Locale.ROOT)
                                + " ("
                                + table.connector()
                                + ")"
                    });
            if (hasKey) {
                long indexOid = tableOid + 1;
                String indexName = table.name() + "_pkey";
                Object[] index =
                        classRow(
                                indexOid,
                                indexName,
                                PUBLIC_NAMESPACE,
                                "i",
                                keyPositions.size(),
                                false);
                index[6] = 403L;
                classes.add(index);
                indexes.add(
                        new Object[] {
                            indexOid,
                            tableOid,
                            (short) keyPositions.size(),
                            (short) keyPositions.size(),
                            true,
                            false,
                            true,
                            false,
                            true,
                            false,
                            true,
                            false,
                            true,
                            true,
                            false,
                            keyPositions,
                            null,
                            null,
                            null,
                            null,
                            null
                        });
                constraints.add(
                        new Object[] {
                            indexOid,
                            indexName,
                            PUBLIC_NAMESPACE,
                            "p",
                            false,
                            false,
                            true,
                            tableOid,
                            0L,
                            indexOid,
                            0L,
                            0L,
                            " ",
                            " ",
                            " ",
                            true,
                            (short) 0,
                            true,
                            keyPositions,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null
                        });
            }
            tables.add(
                    new Object[] {
                        table.name(),
                        table.kind().name().toLowerCase(Locale.ROOT),
                        table.connector(),
                        table.primaryKey()
                    });
        }
        insert("pgcat.pg_class", classes);
        insert("pgcat.pg_attribute", attributes);
        insert("pgcat.pg_index", indexes);
        insert("pgcat.pg_constraint", constraints);
        insert("pgcat.pg_description", descriptions);
        insert("sluice.tables", tables);
        List<Object[]> pipelines = new ArrayList<>();
        for (CatalogSnapshot.PipelineRow pipeline : snapshot.pipelines()) {
            pipelines.add(
                    new Object[] {
                        pipeline.name(),
                        pipeline.state(),
                        pipeline.lastError().orElse(null),
                        pipeline.createdAt(),
                        pipeline.query()
                    });
        }
        insert("sluice.pipelines", pipelines);
        List<Object[]> profiles = new ArrayList<>();
        for (CatalogSnapshot.ProfileRow profile : snapshot.profiles()) {
            profiles.add(new Object[] {profile.name(), profile.connector().orElse(null)});
        }
        insert("sluice.connection_profiles", profiles);
        insert("sluice.pipeline_sources", sourceRows(snapshot));
        mirrored = snapshot;
    }

    private static List<Object[]> sourceRows(CatalogSnapshot snapshot) {
        List<Object[]> rows = new ArrayList<>();
        for (KafkaPartitionStatus source : snapshot.sources()) {
            rows.add(
                    new Object[] {
                        source.pipeline(),
                        source.table(),
                        source.topic(),
                        source.partition(),
                        source.subtask(),
                        source.position(),
                        source.committedOffset().isPresent()
                                ? source.committedOffset().getAsLong()
                                : null,
                        source.endOffset().isPresent() ? source.endOffset().getAsLong() : null,
                        source.lag().isPresent() ? source.lag().getAsLong() : null,
                        source.read(),
                        source.emitted(),
                        source.dropped(),
                        source.deadLettered()
                    });
        }
        return rows;
    }

    private static Object[] classRow(
            long oid, String name, long namespace, String kind, int columns, boolean hasIndex) {
        return new Object[] {
            oid,
            name,
            namespace,
            0L,
            0L,
            OWNER,
            kind.equals("i") ? 403L : kind.equals("r") ? 2L : 0L,
            oid,
            0L,
            0,
            -1.0f,
            0,
            0L,
            hasIndex,
            false,
            "p",
            kind,
            (short) columns,
            (short) 0,
            false,
            false,
            false,
            false,
            false,
            true,
            "d",
            false,
            0L,
            0L,
            0L,
            null,
            null,
            null
        };
    }

    private static Object[] attributeRow(
            long relation,
            String name,
            long type,
            int position,
            int typeModifier,
            boolean notNull) {
        PgType pgType = PgType.fromOid((int) type);
        String typeName = pgType.typeName();
        return new Object[] {
            relation,
            name,
            type,
            (short) pgType.typeLength(),
            (short) position,
            -1,
            typeModifier,
            (short) (typeName.startsWith("_") ? 1 : 0),
            pgType.typeLength() > 0,
            "i",
            pgType.typeLength() > 0 ? "p" : "x",
            "",
            notNull,
            false,
            false,
            "",
            "",
            false,
            true,
            (short) 0,
            (short) -1,
            PgTypeCatalog.collatable(typeName) ? PgTypeCatalog.DEFAULT_COLLATION : 0L,
            null,
            null,
            null,
            null
        };
    }

    /**
     * Runs a rewritten catalog query for {@code session} over the catalog as {@code snapshot} shows
     * it.
     *
     * @return the columns and every row, read at once (catalog answers are small)
     */
    synchronized Answer query(
            String sql,
            List<Object> parameters,
            PgCatalogSessionInfo session,
            CatalogSnapshot snapshot)
            throws SQLException {
        refresh(snapshot);
        describeSession(session);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet rs = statement.executeQuery()) {
                ResultSetMetaData metadata = rs.getMetaData();
                List<PgColumn> columns = new ArrayList<>();
                for (int i = 1; i <= metadata.getColumnCount(); i++) {
                    columns.add(
                            new PgColumn(
                                    columnName(metadata.getColumnLabel(i)),
                                    PgTypeCatalog.fromDuckDb(metadata.getColumnTypeName(i))));
                }
                List<Object[]> rows = new ArrayList<>();
                while (rs.next()) {
                    Object[] row = new Object[columns.size()];
                    for (int i = 0; i < row.length; i++) {
                        row[i] = value(rs, i + 1, columns.get(i).type());
                    }
                    rows.add(row);
                }
                return new Answer(columns, rows);
            }
        }
    }

    /** PostgreSQL names an unaliased function call's column after the function. */
    private static String columnName(String label) {
        Matcher call = FUNCTION_LABEL.matcher(label);
        return call.matches() ? call.group(1) : label;
    }

    private static Object value(ResultSet rs, int index, PgType type) throws SQLException {
        Object value = rs.getObject(index);
        if (value == null) {
            return null;
        }
        if (value instanceof Array array) {
            Object elements = array.getArray();
            return elements instanceof Object[] objects ? Arrays.asList(objects) : elements;
        }
        switch (type) {
            case TEXT:
                return rs.getString(index);
            case OID:
            case INT8:
                return ((Number) value).longValue();
            case INT4:
                return ((Number) value).intValue();
            case INT2:
                return ((Number) value).shortValue();
            default:
                return value;
        }
    }

    private void describeSession(PgCatalogSessionInfo session) throws SQLException {
        defineSearchPath(session.searchPath());
        try (Statement statement = connection.createStatement()) {
            for (String table :
                    List.of(
                            "pgcat.pg_session",
                            "pgcat.pg_settings",
                            "pgcat.pg_roles",
                            "pgcat.pg_database")) {
                statement.execute("DELETE FROM " + table);
            }
        }
        insert(
                "pgcat.pg_session",
                List.<Object[]>of(
                        new Object[] {
                            session.user(),
                            session.database(),
                            session.searchPath(),
                            session.settings().getOrDefault("application_name", "")
                        }));
        List<Object[]> settings = new ArrayList<>();
        for (Map.Entry<String, String> setting : new TreeMap<>(session.settings()).entrySet()) {
            settings.add(
                    new Object[] {
                        setting.getKey(),
                        setting.getValue(),
                        null,
                        "Sluice",
                        null,
                        null,
                        "user",
                        "string",
                        "session",
                        null,
                        null,
                        null,
                        setting.getValue(),
                        setting.getValue(),
                        null,
                        null,
                        false
                    });
        }
        insert("pgcat.pg_settings", settings);
        insert(
                "pgcat.pg_roles",
                List.<Object[]>of(
                        new Object[] {
                            session.user(),
                            true,
                            true,
                            false,
                            false,
                            true,
                            false,
                            -1,
                            "********",
                            null,
                            false,
                            null,
                            OWNER
                        }));
        insert(
                "pgcat.pg_database",
                List.<Object[]>of(
                        new Object[] {
                            DATABASE_OID,
                            session.database(),
                            OWNER,
                            6,
                            "c",
                            false,
                            true,
                            -1,
                            0L,
                            0L,
                            1663L,
                            "C.UTF-8",
                            "C.UTF-8",
                            null,
                            null,
                            null,
                            null
                        }));
    }

    private void insert(String table, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" VALUES ");
        for (int r = 0; r < rows.size(); r++) {
            sql.append(r == 0 ? "(" : ", (");
            Object[] row = rows.get(r);
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    sql.append(", ");
                }
                sql.append(literal(row[i]));
            }
            sql.append(')');
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql.toString());
        }
    }

    private static String literal(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof Boolean || value instanceof Number) {
            return value.toString();
        }
        if (value instanceof Instant instant) {
            return "TIMESTAMPTZ " + PgCatalogRewriter.quoteLiteral(instant.toString());
        }
        if (value instanceof List<?> list) {
            List<String> elements = new ArrayList<>();
            for (Object element : list) {
                elements.add(literal(element));
            }
            return "[" + String.join(", ", elements) + "]";
        }
        return PgCatalogRewriter.quoteLiteral(value.toString());
    }

    /**
     * Redefines current_schema() and current_schemas() as constants of the asking session's search
     * path: clients pass them to table functions, which take no subqueries.
     */
    private void defineSearchPath(List<String> searchPath) throws SQLException {
        if (searchPath.equals(definedSearchPath)) {
            return;
        }
        List<String> implicit = new ArrayList<>(searchPath);
        if (!implicit.contains("pg_catalog")) {
            implicit.add(0, "pg_catalog");
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(
                    "CREATE OR REPLACE MACRO pgcat.current_schema() AS "
                            + (searchPath.isEmpty()
                                    ? "NULL::VARCHAR"
                                    : sqlString(searchPath.get(0))));
            statement.execute(
                    "CREATE OR REPLACE MACRO pgcat.current_schemas(include_implicit) AS CASE WHEN"
                            + " include_implicit THEN "
                            + sqlList(implicit)
                            + " ELSE "
                            + sqlList(searchPath)
                            + " END");
        }
        definedSearchPath = List.copyOf(searchPath);
    }

    private static String sqlString(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static String sqlList(List<String> values) {
        List<String> literals = new ArrayList<>();
        for (String value : values) {
            literals.add(sqlString(value));
        }
        return values.isEmpty() ? "[]::VARCHAR[]" : "[" + String.join(", ", literals) + "]";
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new SluiceException(
                    ErrorCode.INTERNAL_ERROR, "cannot close the catalog mirror", e);
        }
    }

    /** A query's columns and rows. */
    record Answer(List<PgColumn> columns, List<Object[]> rows) {
        Answer {
            columns = List.copyOf(requireNonNull(columns, "columns is null"));
            rows = List.copyOf(requireNonNull(rows, "rows is null"));
        }
    }
}

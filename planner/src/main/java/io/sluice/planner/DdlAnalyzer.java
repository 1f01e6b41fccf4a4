package io.sluice.planner;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.plan.Column;
import io.sluice.executor.plan.RowSchema;
import io.sluice.executor.plan.SqlType;
import io.sluice.executor.plan.TypeKind;
import io.sluice.executor.spi.ConnectorFactory;
import io.sluice.executor.spi.TableOptions;
import io.sluice.executor.spi.TableRole;
import io.sluice.parser.SluiceParser;
import io.sluice.parser.ddl.SqlColumn;
import io.sluice.parser.ddl.SqlCreateConnectionProfile;
import io.sluice.parser.ddl.SqlCreateSluiceTable;
import io.sluice.parser.ddl.SqlTableOption;
import io.sluice.parser.ddl.SqlWatermark;
import io.sluice.planner.catalog.CatalogView;
import io.sluice.planner.catalog.ColumnClauses;
import io.sluice.planner.catalog.ConnectionProfile;
import io.sluice.planner.catalog.InMemoryCatalog;
import io.sluice.planner.catalog.TableDefinition;
import io.sluice.planner.catalog.TableKind;
import io.sluice.planner.type.TypeMapping;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.sql.SqlIdentifier;

/**
 * Checks CREATE TABLE and CREATE CONNECTION PROFILE statements and turns them into catalog entries.
 * Errors point at the offending part of the statement.
 */
public final class DdlAnalyzer {
    /** Set on a JSON source whose records are kept whole in one {@code value JSON} column. */
    public static final String JSON_UNSTRUCTURED = "json.unstructured";

    /** The column an unstructured JSON table has when it declares none. */
    public static final Column UNSTRUCTURED_COLUMN = new Column("value", SqlType.of(TypeKind.JSON));

    private final ConnectorRegistry connectors;

    public DdlAnalyzer(ConnectorRegistry connectors) {
        this.connectors = requireNonNull(connectors, "connectors is null");
    }

    /**
     * The catalog entry of a CREATE TABLE: connector found, connection profile merged under the
     * table's own options, options validated by the connector, columns typed.
     *
     * @param sql the statement text, for error positions
     */
    public TableDefinition analyzeTable(
            String sql, SqlCreateSluiceTable create, CatalogView catalog) {
        requireNonNull(sql, "sql is null");
        requireNonNull(create, "create is null");
        requireNonNull(catalog, "catalog is null");
        String name = simpleName(sql, create.name());
        int namePosition = Positions.offset(sql, create.name().getParserPosition());

        Map<String, String> raw = new LinkedHashMap<>();
        Map<String, Integer> keyPositions = new LinkedHashMap<>();
        Map<String, Integer> valuePositions = new LinkedHashMap<>();
        for (SqlTableOption option : create.options()) {
            String key = option.key().toLowerCase(Locale.ROOT);
            int position = Positions.offset(sql, option.keyPosition());
            if (raw.containsKey(key)) {
                throw new SluiceException(
                        ErrorCode.INVALID_OPTION,
                        "option \"" + key + "\" is given more than once",
                        position,
                        null);
            }
            raw.put(key, option.valueAsString());
            keyPositions.put(key, position);
            valuePositions.put(key, Positions.offset(sql, option.value().getParserPosition()));
        }

        String connectorName = raw.get(TableOptions.CONNECTOR);
        if (connectorName == null) {
            throw new SluiceException(
                    ErrorCode.INVALID_OPTION,
                    "table " + name + " needs the option \"connector\"",
                    namePosition,
                    null);
        }
        ConnectorFactory connector =
                connectors
                        .connector(connectorName)
                        .orElseThrow(
                                () ->
                                        new SluiceException(
                                                ErrorCode.UNDEFINED_OBJECT,
                                                "connector \""
                                                        + connectorName
                                                        + "\" does not exist",
                                                valuePositions.get(TableOptions.CONNECTOR),
                                                null));

        Map<String, String> merged = new LinkedHashMap<>();
        String profileName = raw.get(TableOptions.CONNECTION_PROFILE);
        if (profileName != null) {
            ConnectionProfile profile =
                    catalog.profile(profileName)
                            .orElseThrow(
                                    () ->
                                            new SluiceException(
                                                    ErrorCode.UNDEFINED_OBJECT,
                                                    "connection profile \""
                                                            + profileName
                                                            + "\" does not exist",
                                                    valuePositions.get(
                                                            TableOptions.CONNECTION_PROFILE),
                                                    null));
            Optional<String> profileConnector = profile.connectorType();
            if (profileConnector.isPresent()
                    && !profileConnector.get().equalsIgnoreCase(connector.name())) {
                throw new SluiceException(
                        ErrorCode.INVALID_OPTION,
                        "connection profile \""
                                + profileName
                                + "\" is for connector "
                                + profileConnector.get()
                                + ", not "
                                + connector.name(),
                        valuePositions.get(TableOptions.CONNECTION_PROFILE),
                        null);
            }
            // A profile's "type" names its connector, not a table role.
            profile.options().entrySet().stream()
                    .filter(entry -> !entry.getKey().equalsIgnoreCase(TableOptions.TYPE))
                    .forEach(entry -> merged.put(entry.getKey(), entry.getValue()));
        }
        merged.putAll(raw);

        TableKind kind = kind(connector, raw.get(TableOptions.TYPE), name, namePosition);
        TableRole role = kind == TableKind.SOURCE ? TableRole.SOURCE : TableRole.SINK;
        TableOptions options = TableOptions.validate(connector, role, merged, keyPositions);

        Map<String, String> stored = new LinkedHashMap<>(options.values());
        stored.keySet().removeAll(TableOptions.FRAMEWORK_OPTIONS);

        boolean unstructured = "true".equalsIgnoreCase(stored.get(JSON_UNSTRUCTURED));
        Optional<RowSchema> columns =
                columns(sql, create, name, namePosition, kind, unstructured, keyPositions);
        List<String> primaryKey = create.primaryKey();
        if (!primaryKey.isEmpty()) {
            RowSchema schema =
                    columns.orElseThrow(
                            () ->
                                    new SluiceException(
                                            ErrorCode.UNDEFINED_COLUMN,
                                            "primary key column \""
                                                    + primaryKey.get(0)
                                                    + "\" does not exist",
                                            namePosition,
                                            null));
            columns = Optional.of(withPrimaryKey(schema, primaryKey, namePosition));
        }
        ColumnClauses clauses =
                clauses(sql, create, connector, kind, unstructured, columns, namePosition);
        TableDefinition table =
                new TableDefinition(
                        name, connector.name(), kind, columns, primaryKey, stored, clauses);
        if (!clauses.generated().isEmpty()) {
            checkGenerated(sql, create, table);
        }
        return table;
    }

    /** Record properties a Kafka source can fill a column with, and the types that hold them. */
    private static final Map<String, Set<TypeKind>> KAFKA_METADATA =
            Map.of(
                    "offset_id", Set.of(TypeKind.BIGINT),
                    "partition", Set.of(TypeKind.INTEGER, TypeKind.BIGINT),
                    "topic", Set.of(TypeKind.TEXT),
                    "timestamp", Set.of(TypeKind.TIMESTAMP, TypeKind.TIMESTAMPTZ),
                    "key", Set.of(TypeKind.TEXT, TypeKind.BYTEA));

    private static ColumnClauses clauses(
            String sql,
            SqlCreateSluiceTable create,
            ConnectorFactory connector,
            TableKind kind,
            boolean unstructured,
            Optional<RowSchema> columns,
            int namePosition) {
        Map<String, String> metadata = new LinkedHashMap<>();
        Map<String, String> generated = new LinkedHashMap<>();
        boolean offersMetadata =
                connector.options().stream()
                        .anyMatch(
                                spec ->
                                        spec.name()
                                                .equals(PipelinePlanner.METADATA_COLUMNS_OPTION));
        for (SqlColumn column : create.columns()) {
            String name = column.name().getSimple();
            SqlType type =
                    columns.orElseThrow().column(columns.get().indexOf(name).getAsInt()).type();
            if (column.metadataKeyLiteral().isPresent()) {
                int position =
                        Positions.offset(
                                sql, column.metadataKeyLiteral().get().getParserPosition());
                String key = column.metadataKey().orElseThrow().toLowerCase(Locale.ROOT);
                if (!offersMetadata || kind != TableKind.SOURCE || unstructured) {
                    throw new SluiceException(
                            ErrorCode.FEATURE_NOT_SUPPORTED,
                            "METADATA FROM columns are offered only by kafka source tables with"
                                    + " format 'json'",
                            position,
                            null);
                }
                Set<TypeKind> types = KAFKA_METADATA.get(key);
                if (types == null) {
                    throw new SluiceException(
                            ErrorCode.INVALID_OPTION,
                            "unknown metadata key '"
                                    + key
                                    + "'; valid keys are offset_id, partition, topic, timestamp"
                                    + " and key",
                            position,
                            null);
                }
                if (!types.contains(type.kind())) {
                    throw new SluiceException(
                            ErrorCode.DATATYPE_MISMATCH,
                            "column \""
                                    + name
                                    + "\" of type "
                                    + type.sqlName().toLowerCase(Locale.ROOT)
                                    + " cannot hold metadata '"
                                    + key
                                    + "'",
                            Positions.offset(sql, column.name().getParserPosition()),
                            null);
                }
                if (name.contains(",") || name.contains("=")) {
                    throw new SluiceException(
                            ErrorCode.FEATURE_NOT_SUPPORTED,
                            "a metadata column name may not contain ',' or '='",
                            Positions.offset(sql, column.name().getParserPosition()),
                            null);
                }
                metadata.put(name, key);
            }
            if (column.generated().isPresent()) {
                if (kind != TableKind.SOURCE) {
                    throw new SluiceException(
                            ErrorCode.FEATURE_NOT_SUPPORTED,
                            "GENERATED columns are offered only by source tables",
                            Positions.offset(sql, column.generated().get().getParserPosition()),
                            null);
                }
                generated.put(name, SluiceParser.unparse(column.generated().get()));
            }
        }
        String watermarkColumn = null;
        String watermarkExpression = null;
        if (create.watermark().isPresent()) {
            SqlWatermark watermark = create.watermark().get();
            watermarkColumn = watermark.column().getSimple();
            int position = Positions.offset(sql, watermark.column().getParserPosition());
            RowSchema schema =
                    columns.orElseThrow(
                            () ->
                                    new SluiceException(
                                            ErrorCode.UNDEFINED_COLUMN,
                                            "WATERMARK FOR needs a column list",
                                            namePosition,
                                            null));
            String column = watermarkColumn;
            int index =
                    schema.indexOf(column)
                            .orElseThrow(
                                    () ->
                                            new SluiceException(
                                                    ErrorCode.UNDEFINED_COLUMN,
                                                    "column \"" + column + "\" does not exist",
                                                    position,
                                                    null));
            TypeKind typeKind = schema.column(index).type().kind();
            if (typeKind != TypeKind.TIMESTAMP && typeKind != TypeKind.TIMESTAMPTZ) {
                throw new SluiceException(
                        ErrorCode.DATATYPE_MISMATCH,
                        "WATERMARK FOR needs a TIMESTAMP or TIMESTAMPTZ column, and \""
                                + column
                                + "\" is "
                                + schema.column(index).type().sqlName().toLowerCase(Locale.ROOT),
                        position,
                        null);
            }
            watermarkExpression = watermark.expression().map(SluiceParser::unparse).orElse(null);
        }
        return new ColumnClauses(metadata, generated, watermarkColumn, watermarkExpression);
    }

    /** Plans each generated column's expression once, so a wrong one fails at CREATE TABLE. */
    private static void checkGenerated(
            String sql, SqlCreateSluiceTable create, TableDefinition table) {
        RowSchema schema = table.columns().orElseThrow();
        List<Column> read = new ArrayList<>();
        for (Column column : schema.columns()) {
            if (table.clauses().generatedExpression(column.name()).isEmpty()) {
                read.add(column);
            }
        }
        try {
            PipelinePlanner.generatedColumns(
                    table, schema, new RowSchema(read), InMemoryCatalog.empty().withTable(table));
        } catch (SluiceException e) {
            for (SqlColumn column : create.columns()) {
                if (column.generated().isPresent()
                        && e.getMessage()
                                .contains(
                                        "generated column \"" + column.name().getSimple() + "\"")) {
                    throw e.withPosition(
                            Positions.offset(sql, column.generated().get().getParserPosition()));
                }
            }
            throw e;
        }
    }

    /**
     * The catalog entry of a CREATE CONNECTION PROFILE. Options are kept as written (keys in lower
     * case); errors name keys only, never values, since profiles hold credentials.
     */
    public ConnectionProfile analyzeProfile(String sql, SqlCreateConnectionProfile create) {
        requireNonNull(sql, "sql is null");
        requireNonNull(create, "create is null");
        String name = simpleName(sql, create.name());
        Map<String, String> options = new LinkedHashMap<>();
        for (SqlTableOption option : create.options()) {
            String key = option.key().toLowerCase(Locale.ROOT);
            if (options.put(key, option.valueAsString()) != null) {
                throw new SluiceException(
                        ErrorCode.INVALID_OPTION,
                        "option \"" + key + "\" is given more than once",
                        Positions.offset(sql, option.keyPosition()),
                        null);
            }
        }
        String type = options.get(TableOptions.TYPE);
        if (type != null && connectors.connector(type).isEmpty()) {
            throw new SluiceException(
                    ErrorCode.UNDEFINED_OBJECT,
                    "connector \"" + type + "\" does not exist",
                    -1,
                    null);
        }
        return new ConnectionProfile(name, options);
    }

    private static TableKind kind(
            ConnectorFactory connector, String type, String table, int namePosition) {
        if (type != null) {
            switch (type.toLowerCase(Locale.ROOT)) {
                case "source":
                    return TableKind.SOURCE;
                case "sink":
                    return TableKind.SINK;
                case "lake":
                    return TableKind.LAKE;
                default:
                    // TableOptions reports the invalid value with its position.
                    return TableKind.SINK;
            }
        }
        List<TableRole> roles = connector.roles();
        if (roles.size() == 1) {
            return roles.get(0) == TableRole.SOURCE ? TableKind.SOURCE : TableKind.SINK;
        }
        throw new SluiceException(
                ErrorCode.INVALID_OPTION,
                "table "
                        + table
                        + " needs the option \"type\" ('source' or 'sink') for connector "
                        + connector.name(),
                namePosition,
                null);
    }

    private static Optional<RowSchema> columns(
            String sql,
            SqlCreateSluiceTable create,
            String table,
            int namePosition,
            TableKind kind,
            boolean unstructured,
            Map<String, Integer> keyPositions) {
        if (unstructured) {
            if (!create.hasColumnList()) {
                return Optional.of(new RowSchema(List.of(UNSTRUCTURED_COLUMN)));
            }
            RowSchema declared = declaredColumns(sql, create);
            TypeKind only = declared.size() == 1 ? declared.column(0).type().kind() : null;
            if (only != TypeKind.JSON && only != TypeKind.TEXT) {
                throw new SluiceException(
                        ErrorCode.INVALID_OPTION,
                        "a table with 'json.unstructured' = true has exactly one column, of type"
                                + " JSON or TEXT",
                        keyPositions.getOrDefault(JSON_UNSTRUCTURED, namePosition),
                        null);
            }
            return Optional.of(declared);
        }
        if (!create.hasColumnList()) {
            if (kind == TableKind.SOURCE) {
                throw new SluiceException(
                        ErrorCode.INVALID_OPTION,
                        "source table "
                                + table
                                + " needs a column list, or 'json.unstructured' = true",
                        namePosition,
                        null);
            }
            return Optional.empty();
        }
        RowSchema declared = declaredColumns(sql, create);
        if (declared.size() == 0) {
            throw new SluiceException(
                    ErrorCode.SYNTAX_ERROR,
                    "table " + table + " needs at least one column",
                    namePosition,
                    null);
        }
        return Optional.of(declared);
    }

    private static RowSchema declaredColumns(String sql, SqlCreateSluiceTable create) {
        List<Column> columns = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (SqlColumn column : create.columns()) {
            String name = column.name().getSimple();
            if (!names.add(name)) {
                throw new SluiceException(
                        ErrorCode.DUPLICATE_OBJECT,
                        "column \"" + name + "\" specified more than once",
                        Positions.offset(sql, column.name().getParserPosition()),
                        null);
            }
            SqlType type = TypeMapping.fromDataTypeSpec(column.type(), sql);
            columns.add(new Column(name, column.notNull() ? type.withNullable(false) : type));
        }
        return new RowSchema(columns);
    }

    private static RowSchema withPrimaryKey(
            RowSchema schema, List<String> primaryKey, int namePosition) {
        List<Column> columns = new ArrayList<>(schema.columns());
        for (String key : primaryKey) {
            int index =
                    schema.indexOf(key)
                            .orElseThrow(
                                    () ->
                                            new SluiceException(
                                                    ErrorCode.UNDEFINED_COLUMN,
                                                    "column \""
                                                            + key
                                                            + "\" named in key does not exist",
                                                    namePosition,
                                                    null));
            Column column = columns.get(index);
            // As in Postgres, key columns are NOT NULL.
            columns.set(index, new Column(column.name(), column.type().withNullable(false)));
        }
        return new RowSchema(columns);
    }

    private static String simpleName(String sql, SqlIdentifier identifier) {
        if (!identifier.isSimple()) {
            throw new SluiceException(
                    ErrorCode.FEATURE_NOT_SUPPORTED,
                    "qualified names such as " + identifier + " are not supported",
                    Positions.offset(sql, identifier.getParserPosition()),
                    null);
        }
        return identifier.getSimple();
    }
}

package io.sluice.server.session;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.plan.Column;
import io.sluice.executor.plan.OperatorSpec;
import io.sluice.executor.plan.RowSchema;
import io.sluice.executor.plan.SinkSpec;
import io.sluice.executor.spi.OptionSpec;
import io.sluice.executor.spi.TableOptions;
import io.sluice.parser.SluiceParseException;
import io.sluice.parser.ddl.SqlAlterPipeline;
import io.sluice.parser.ddl.SqlAlterUser;
import io.sluice.parser.ddl.SqlCreateConnectionProfile;
import io.sluice.parser.ddl.SqlCreatePipeline;
import io.sluice.parser.ddl.SqlCreateSluiceTable;
import io.sluice.parser.ddl.SqlCreateUser;
import io.sluice.parser.ddl.SqlDropConnectionProfile;
import io.sluice.parser.ddl.SqlDropUser;
import io.sluice.parser.ddl.SqlPipelineCommand;
import io.sluice.parser.ddl.SqlShow;
import io.sluice.parser.ddl.SqlTableMaintenance;
import io.sluice.parser.ddl.SqlValidateConnectionProfile;
import io.sluice.pgwire.PgColumn;
import io.sluice.pgwire.PgNotice;
import io.sluice.pgwire.PgResult;
import io.sluice.pgwire.PgSession;
import io.sluice.pgwire.PgStatementDescription;
import io.sluice.pgwire.PgType;
import io.sluice.planner.LakeQueryAnalyzer;
import io.sluice.planner.LakeQueryTables;
import io.sluice.planner.PlanOptions;
import io.sluice.planner.PlannedInsert;
import io.sluice.planner.catalog.ConnectionProfile;
import io.sluice.planner.catalog.TableDefinition;
import io.sluice.planner.catalog.TableKind;
import io.sluice.server.catalog.StoredPipeline;
import io.sluice.server.lake.LakeMaintenanceStatements;
import io.sluice.server.lake.LakeQueries;
import io.sluice.server.lake.LakeScans;
import io.sluice.server.lake.LakeTimeTravel;
import io.sluice.server.preview.PreviewStream;
import io.sluice.server.preview.Previews;
import io.sluice.storage.duckdb.LakeCancellation;
import io.sluice.storage.duckdb.LakeResult;
import io.sluice.storage.duckdb.LakeTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.calcite.sql.SqlDescribeTable;
import org.apache.calcite.sql.SqlExplain;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.ddl.SqlDropTable;

/**
 * One client connection: runs each statement against the catalog, the planner, the pipeline manager
 * or the lake query engine, and maps every error once to a pgwire ErrorResponse.
 */
public final class SluiceSession implements PgSession {
    private static final Pattern BEGIN =
            Pattern.compile("(?is)^\\s*(BEGIN|START\\s+TRANSACTION)\\b.*");
    private static final Pattern COMMIT = Pattern.compile("(?is)^\\s*(COMMIT|END)\\b.*");
    private static final Pattern ROLLBACK = Pattern.compile("(?is)^\\s*(ROLLBACK|ABORT)\\b.*");
    private static final String PREVIEW_TIMEOUT = "preview_timeout";
    private static final String PREVIEW_START = "preview_start";
    private static final Pattern QUERY_START =
            Pattern.compile("(?is)^\\s*(\\(\\s*)*(SELECT|WITH|VALUES|TABLE|FROM)\\b.*");

    private final SessionServices services;
    private final String user;
    private final SessionParameters parameters;
    private final List<PgNotice> notices = new ArrayList<>();
    private final Cursors cursors = new Cursors();
    private final Set<PreviewStream> previews = ConcurrentHashMap.newKeySet();
    private final ParsedQueries parsedQueries = new ParsedQueries();
    private final ConstantAnswers constantAnswers = new ConstantAnswers();
    private volatile LakeCancellation running;

    public SluiceSession(
            SessionServices services, String user, Map<String, String> startupParameters) {
        this.services = requireNonNull(services, "services is null");
        this.user = requireNonNull(user, "user is null");
        this.parameters =
                new SessionParameters(
                        startupParameters,
                        Map.of(
                                PREVIEW_TIMEOUT,
                                formatDuration(services.previews().defaultTimeout()),
                                PREVIEW_START,
                                "latest"));
    }

    @Override
    public PgStatementDescription describe(String sql, List<PgType> parameterTypes) {
        int count = Math.max(ParameterBinder.placeholderCount(sql), parameterTypes.size());
        List<PgType> types = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            PgType declared = i < parameterTypes.size() ? parameterTypes.get(i) : PgType.UNKNOWN;
            types.add(declared == PgType.UNKNOWN ? PgType.TEXT : declared);
        }
        Optional<List<PgColumn>> fetched = cursors.describe(sql);
        if (fetched.isPresent()) {
            return PgStatementDescription.rows(types, fetched.get());
        }
        if (!returnsRows(sql)) {
            return PgStatementDescription.noData(types);
        }
        // Describing without running: the same statement with NULL parameters and no rows.
        List<Object> nulls = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            nulls.add(null);
        }
        try (PgResult result = execute(describable(sql), nulls)) {
            if (result instanceof PgResult.Rows rows) {
                return PgStatementDescription.rows(types, rows.columns());
            }
            return PgStatementDescription.noData(types);
        }
    }

    private static String describable(String sql) {
        if (QUERY_START.matcher(sql).matches()) {
            return "SELECT * FROM (" + stripSemicolon(sql) + ") AS described LIMIT 0";
        }
        return sql;
    }

    private static boolean returnsRows(String sql) {
        String upper = sql.strip().toUpperCase(Locale.ROOT);
        return QUERY_START.matcher(sql).matches()
                || upper.startsWith("SHOW")
                || upper.startsWith("EXPLAIN")
                || upper.startsWith("DESCRIBE");
    }

    @Override
    public PgResult execute(String sql, List<Object> parameterValues) {
        LakeCancellation cancellation = new LakeCancellation();
        running = cancellation;
        try {
            return dispatch(ParameterBinder.bind(sql, parameterValues), sql, cancellation);
        } catch (RuntimeException e) {
            throw PgErrors.toPg(e);
        } finally {
            running = null;
        }
    }

    /**
     * @param statement the text as the client sent it, placeholders unbound
     */
    private PgResult dispatch(String sql, String statement, LakeCancellation cancellation) {
        if (BEGIN.matcher(sql).matches()) {
            return PgResult.command("BEGIN");
        }
        if (COMMIT.matcher(sql).matches()) {
            cursors.close();
            return PgResult.command("COMMIT");
        }
        if (ROLLBACK.matcher(sql).matches()) {
            cursors.close();
            return PgResult.command("ROLLBACK");
        }
        Optional<PgResult> cursorResult =
                cursors.apply(sql, query -> dispatch(query, query, cancellation));
        if (cursorResult.isPresent()) {
            return cursorResult.get();
        }
        Optional<String> searchPath = SearchPath.checkSet(sql);
        if (searchPath.isPresent()) {
            parameters.apply("SET search_path = '" + searchPath.get().replace("'", "''") + "'");
            return PgResult.command("SET");
        }
        Optional<String> setTag = parameters.apply(sql);
        if (setTag.isPresent()) {
            return PgResult.command(setTag.get());
        }
        Optional<SqlNode> parsed = parsedQueries.reusable(statement, sql, services.catalog());
        if (parsed.isPresent()) {
            Optional<PgResult> known = constantAnswers.answer(sql);
            return known.isPresent()
                    ? known.get()
                    : constantAnswers.remembering(
                            sql, parsed.get(), lakeQuery(sql, parsed.get(), cancellation));
        }
        if (parsedQueries.refusedBefore(statement)) {
            try {
                return lakeQueryWithoutAnalysis(sql, cancellation, null);
            } catch (SluiceException e) {
                if (e.errorCode() != ErrorCode.SYNTAX_ERROR) {
                    throw e;
                }
                // Parsed again below, for the parser's error.
            }
        }
        SqlNode node;
        try {
            node = LakeTimeTravel.parseStatement(sql);
        } catch (SluiceParseException e) {
            if (UserStatements.mayHoldPassword(sql)) {
                // The parser's message quotes the text near the error, which may be the password.
                throw new SluiceException(
                        ErrorCode.SYNTAX_ERROR,
                        "syntax error in user statement: expected {CREATE | ALTER} USER name"
                                + " [WITH] PASSWORD 'password'",
                        e.offset(),
                        null);
            }
            if (QUERY_START.matcher(sql).matches()) {
                // Client catalog queries use Postgres syntax our grammar does not cover; DuckDB's
                // parser may.
                parsedQueries.rememberRefused(statement);
                return lakeQueryWithoutAnalysis(sql, cancellation, e);
            }
            throw e;
        }
        if (node instanceof SqlCreateConnectionProfile profile) {
            return createProfile(sql, profile);
        }
        if (node instanceof SqlCreateSluiceTable table) {
            return createTable(sql, table);
        }
        if (node instanceof SqlCreatePipeline pipeline) {
            return createPipeline(
                    sql,
                    pipeline.name().getSimple(),
                    pipeline.insert(),
                    PipelineStatements.planOptions(
                            sql,
                            pipeline.options(),
                            new PlanOptions(1, services.defaultCheckpointInterval())));
        }
        if (node instanceof SqlInsert insert) {
            return createPipeline(
                    sql,
                    services.catalog().nextPipelineName(),
                    insert,
                    new PlanOptions(1, services.defaultCheckpointInterval()));
        }
        if (node instanceof SqlPipelineCommand command) {
            return pipelineCommand(command);
        }
        if (node instanceof SqlDropTable drop) {
            return dropTable(sql, drop);
        }
        if (node instanceof SqlDropConnectionProfile drop) {
            return dropProfile(sql, drop);
        }
        if (node instanceof SqlAlterPipeline alter) {
            PipelineStatements.alter(sql, alter, services);
            return PgResult.command("ALTER PIPELINE");
        }
        if (node instanceof SqlCreateUser create) {
            UserStatements.create(create, services.users());
            return PgResult.command("CREATE ROLE");
        }
        if (node instanceof SqlAlterUser alter) {
            UserStatements.alter(alter, services.users());
            return PgResult.command("ALTER ROLE");
        }
        if (node instanceof SqlDropUser drop) {
            UserStatements.drop(drop, services.users(), user);
            return PgResult.command("DROP ROLE");
        }
        if (node instanceof SqlShow show) {
            return show(show);
        }
        if (node instanceof SqlValidateConnectionProfile validate) {
            return ValidateStatements.validate(validate, services, System.getenv());
        }
        if (node instanceof SqlDescribeTable describe) {
            return ShowStatements.describe(services, describe.getTable());
        }
        if (node instanceof SqlTableMaintenance maintenance) {
            return LakeMaintenanceStatements.run(
                    sql, maintenance, services.catalog(), services.lake());
        }
        if (node instanceof SqlExplain explain) {
            return explain(sql, explain, cancellation);
        }
        if (node.getKind().belongsTo(SqlKind.QUERY)) {
            parsedQueries.remember(statement, node);
            return lakeQuery(sql, node, cancellation);
        }
        throw new SluiceException(
                ErrorCode.FEATURE_NOT_SUPPORTED,
                "statement " + node.getKind().lowerName.replace('_', ' ') + " is not supported");
    }

    // ---- DDL

    private PgResult createProfile(String sql, SqlCreateConnectionProfile create) {
        ConnectionProfile profile = services.ddl().analyzeProfile(sql, create);
        if (create.ifNotExists() && services.catalog().profile(profile.name()).isPresent()) {
            notices.add(
                    PgNotice.notice(
                            "connection profile \""
                                    + profile.name()
                                    + "\" already exists, skipping"));
            return PgResult.command("CREATE CONNECTION PROFILE");
        }
        String redacted = Redactor.redact(sql, create.options(), Redactor::looksSensitive);
        services.catalog().createProfile(profile, redacted, create.ifNotExists());
        return PgResult.command("CREATE CONNECTION PROFILE");
    }

    private PgResult createTable(String sql, SqlCreateSluiceTable create) {
        TableDefinition table = services.ddl().analyzeTable(sql, create, services.catalog());
        String redacted =
                Redactor.redact(sql, create.options(), sensitiveOptions(table.connector()));
        Optional<TableDefinition> existing = services.catalog().table(table.name());
        if (existing.isPresent()) {
            if (create.ifNotExists()) {
                notices.add(
                        PgNotice.notice(
                                "relation \"" + table.name() + "\" already exists, skipping"));
                return PgResult.command("CREATE TABLE");
            }
            Optional<String> user = pipelineUsing(table.name());
            if (user.isPresent()) {
                throw new SluiceException(
                        ErrorCode.DUPLICATE_TABLE,
                        "relation \""
                                + table.name()
                                + "\" already exists and pipeline \""
                                + user.get()
                                + "\" uses it",
                        Math.max(0, offsetOf(sql, create.name().getParserPosition())),
                        null);
            }
            // Arroyo-style scripts redefine a table before any pipeline uses it; that is harmless,
            // so allow it.
            services.catalog().putTable(table, redacted, true);
            notices.add(
                    PgNotice.notice(
                            "relation \""
                                    + table.name()
                                    + "\" replaced: no pipeline used its old definition"));
            return PgResult.command("CREATE TABLE");
        }
        services.catalog().putTable(table, redacted, false);
        return PgResult.command("CREATE TABLE");
    }

    private java.util.function.Predicate<String> sensitiveOptions(String connector) {
        Set<String> sensitive = new HashSet<>();
        services.connectors()
                .find(connector)
                .ifPresent(
                        factory -> {
                            for (OptionSpec spec : factory.options()) {
                                if (spec.sensitive()) {
                                    sensitive.add(spec.name());
                                    sensitive.addAll(spec.aliases());
                                }
                            }
                        });
        return key ->
                sensitive.contains(key.toLowerCase(Locale.ROOT)) || Redactor.looksSensitive(key);
    }

    private PgResult dropTable(String sql, SqlDropTable drop) {
        String name = drop.name.names.get(drop.name.names.size() - 1);
        int position = offsetOf(sql, drop.name.getParserPosition());
        Optional<String> user = pipelineUsing(name);
        if (user.isPresent()) {
            throw new SluiceException(
                    ErrorCode.OBJECT_IN_USE,
                    "cannot drop table \""
                            + name
                            + "\" because pipeline \""
                            + user.get()
                            + "\" uses it",
                    position,
                    null);
        }
        if (!services.catalog().dropTable(name) && !drop.ifExists) {
            throw new SluiceException(
                    ErrorCode.UNDEFINED_TABLE,
                    "table \"" + name + "\" does not exist",
                    position,
                    null);
        }
        return PgResult.command("DROP TABLE");
    }

    private PgResult dropProfile(String sql, SqlDropConnectionProfile drop) {
        String name = drop.name().getSimple();
        if (!services.catalog().dropProfile(name) && !drop.ifExists()) {
            throw new SluiceException(
                    ErrorCode.UNDEFINED_OBJECT,
                    "connection profile \"" + name + "\" does not exist",
                    offsetOf(sql, drop.name().getParserPosition()),
                    null);
        }
        return PgResult.command("DROP CONNECTION PROFILE");
    }

    private Optional<String> pipelineUsing(String table) {
        for (StoredPipeline pipeline : services.catalog().pipelines()) {
            for (OperatorSpec operator : pipeline.plan().operators()) {
                if (operator instanceof io.sluice.executor.plan.SourceSpec source
                                && source.table().equals(table)
                        || operator instanceof SinkSpec sink && sink.table().equals(table)) {
                    return Optional.of(pipeline.name());
                }
            }
        }
        return Optional.empty();
    }

    // ---- pipelines

    private PgResult createPipeline(
            String sql, String name, SqlInsert insert, PlanOptions options) {
        if (services.catalog().pipeline(name).isPresent()) {
            throw new SluiceException(
                    ErrorCode.DUPLICATE_OBJECT, "pipeline \"" + name + "\" already exists");
        }
        PlannedInsert planned =
                services.planner().planInsert(sql, insert, services.catalog(), name, options);
        String sinkTable = sinkOf(planned);
        if (planned.inferredSinkSchema().isPresent()) {
            services.catalog().setTableColumns(sinkTable, planned.inferredSinkSchema().get());
        }
        services.catalog().createPipeline(name, sql, planned.plan());
        try {
            services.pipelines().start(name);
        } catch (RuntimeException e) {
            services.pipelines().drop(name);
            throw e;
        }
        notices.add(
                PgNotice.notice(
                        "pipeline \"" + name + "\" is running: it writes into " + sinkTable));
        return PgResult.command("CREATE PIPELINE");
    }

    private static String sinkOf(PlannedInsert planned) {
        for (OperatorSpec operator : planned.plan().operators()) {
            if (operator instanceof SinkSpec sink) {
                return sink.table();
            }
        }
        throw new SluiceException(ErrorCode.INTERNAL_ERROR, "planned pipeline has no sink");
    }

    private PgResult pipelineCommand(SqlPipelineCommand command) {
        String name = command.name().getSimple();
        switch (command.action()) {
            case STOP:
                services.pipelines().stop(name);
                return PgResult.command("STOP PIPELINE");
            case START:
                services.pipelines().start(name);
                return PgResult.command("START PIPELINE");
            case DROP:
            default:
                if (services.catalog().pipeline(name).isEmpty()) {
                    if (command.ifExists()) {
                        return PgResult.command("DROP PIPELINE");
                    }
                    throw new SluiceException(
                            ErrorCode.UNDEFINED_OBJECT, "pipeline \"" + name + "\" does not exist");
                }
                services.pipelines().drop(name);
                return PgResult.command("DROP PIPELINE");
        }
    }

    // ---- EXPLAIN

    private PgResult explain(String sql, SqlExplain explain, LakeCancellation cancellation) {
        SqlNode statement = explain.getExplicandum();
        if (statement instanceof SqlInsert insert) {
            PlannedInsert planned =
                    services.planner()
                            .planInsert(
                                    sql,
                                    insert,
                                    services.catalog(),
                                    "explained",
                                    new PlanOptions(1, services.defaultCheckpointInterval()));
            List<Object[]> rows = new ArrayList<>();
            rows.add(new Object[] {"Logical plan"});
            for (String line : planned.explain().strip().split("\\R")) {
                rows.add(new Object[] {"  " + line});
            }
            for (String line : PipelineStatements.operatorGraph(planned.plan())) {
                rows.add(new Object[] {line});
            }
            return PgResult.rows(List.of(new PgColumn("QUERY PLAN", PgType.TEXT)), rows.iterator());
        }
        if (statement.getKind().belongsTo(SqlKind.QUERY)) {
            int start = offsetOf(sql, statement.getParserPosition());
            String query = stripSemicolon(start < 0 ? sql : sql.substring(start));
            LakeQueryTables tables =
                    LakeQueryAnalyzer.checkLakeQuery(query, statement, services.catalog());
            Map<String, LakeTable> lakeTables = new LinkedHashMap<>();
            for (String name : tables.lakeTables()) {
                lakeTables.put(name, lakeTable(services.catalog().table(name).orElseThrow()));
            }
            LakeScans.Prepared prepared = LakeScans.prepare(query, lakeTables);
            LakeResult result =
                    services.lake()
                            .query("EXPLAIN " + prepared.sql(), prepared.tables(), cancellation);
            result.appendTextRows("lake scan", prepared.report());
            return rows(result);
        }
        throw new SluiceException(
                ErrorCode.FEATURE_NOT_SUPPORTED,
                "EXPLAIN of "
                        + statement.getKind().lowerName.replace('_', ' ')
                        + " is not supported");
    }

    // ---- SHOW

    private PgResult show(SqlShow show) {
        return ShowStatements.run(show, services, parameters);
    }

    // ---- lake queries

    private PgResult lakeQuery(String sql, SqlNode node, LakeCancellation cancellation) {
        LakeQueryTables classified = LakeQueryAnalyzer.classify(node, services.catalog());
        if (!classified.sourceTables().isEmpty()) {
            return preview(sql, node, classified);
        }
        LakeQueryTables tables = LakeQueryAnalyzer.checkLakeQuery(sql, node, services.catalog());
        Map<String, LakeTable> lakeTables = new LinkedHashMap<>();
        for (String name : tables.lakeTables()) {
            lakeTables.put(name, lakeTable(services.catalog().table(name).orElseThrow()));
        }
        LakeScans.Prepared prepared = LakeScans.prepare(sql, lakeTables);
        return rows(services.lake().query(prepared.sql(), prepared.tables(), cancellation));
    }

    // ---- previews of streams

    private PgResult preview(String sql, SqlNode node, LakeQueryTables tables) {
        if (!tables.lakeTables().isEmpty()) {
            throw new SluiceException(
                    ErrorCode.FEATURE_NOT_SUPPORTED,
                    "a SELECT reads either source tables (a preview of the stream) or lake tables,"
                            + " not both: "
                            + String.join(", ", tables.sourceTables())
                            + " and "
                            + String.join(", ", tables.lakeTables()));
        }
        previews.removeIf(PreviewStream::isClosed);
        Previews.PreviewResult result =
                services.previews()
                        .start(
                                sql,
                                node,
                                services.catalog(),
                                new Previews.Options(previewTimeout(), previewStart()),
                                message -> notices.add(PgNotice.notice(message)));
        result.stream().ifPresent(previews::add);
        return result.rows();
    }

    private Duration previewTimeout() {
        String value = parameters.get(PREVIEW_TIMEOUT);
        Duration timeout =
                TableOptions.parseDuration(value)
                        .orElseThrow(
                                () ->
                                        new SluiceException(
                                                ErrorCode.INVALID_OPTION,
                                                "invalid value for parameter \""
                                                        + PREVIEW_TIMEOUT
                                                        + "\": \""
                                                        + value
                                                        + "\" (a duration such as '10s')"));
        if (timeout.isNegative() || timeout.isZero()) {
            throw new SluiceException(
                    ErrorCode.INVALID_OPTION, PREVIEW_TIMEOUT + " must be positive");
        }
        return timeout;
    }

    private Previews.StartOffset previewStart() {
        String value = parameters.get(PREVIEW_START).strip().toLowerCase(Locale.ROOT);
        switch (value) {
            case "latest":
                return Previews.StartOffset.LATEST;
            case "earliest":
                return Previews.StartOffset.EARLIEST;
            default:
                throw new SluiceException(
                        ErrorCode.INVALID_OPTION,
                        "invalid value for parameter \""
                                + PREVIEW_START
                                + "\": \""
                                + value
                                + "\" ('latest' or 'earliest')");
        }
    }

    private static String formatDuration(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    private PgResult lakeQueryWithoutAnalysis(
            String sql, LakeCancellation cancellation, SluiceParseException parseError) {
        Map<String, LakeTable> lakeTables = new TreeMap<>();
        for (TableDefinition table : services.catalog().tables()) {
            if (table.kind() != TableKind.SOURCE && table.columns().isPresent()) {
                try {
                    lakeTables.put(table.name(), lakeTable(table));
                } catch (SluiceException e) {
                    // Tables DuckDB cannot read yet (e.g. on S3) are left out of a query that does
                    // not name them.
                }
            }
        }
        try {
            return rows(services.lake().query(stripSemicolon(sql), lakeTables, cancellation));
        } catch (SluiceException e) {
            if (e.errorCode() == ErrorCode.SYNTAX_ERROR && parseError != null) {
                throw parseError;
            }
            throw e;
        }
    }

    private static LakeTable lakeTable(TableDefinition table) {
        RowSchema schema =
                table.columns()
                        .orElseThrow(
                                () ->
                                        new SluiceException(
                                                ErrorCode.UNDEFINED_COLUMN,
                                                "table \""
                                                        + table.name()
                                                        + "\" has no columns yet: it takes them"
                                                        + " from its first INSERT"));
        return LakeQueries.lakeTable(table, schema);
    }

    private static PgResult rows(LakeResult result) {
        List<PgColumn> columns = new ArrayList<>();
        for (Column column : result.columns()) {
            columns.add(new PgColumn(column.name(), PgTypes.of(column.type())));
        }
        Iterator<Object[]> rows =
                new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        try {
                            return result.hasNext();
                        } catch (RuntimeException e) {
                            throw PgErrors.toPg(e);
                        }
                    }

                    @Override
                    public Object[] next() {
                        try {
                            return result.next().toArray();
                        } catch (RuntimeException e) {
                            throw PgErrors.toPg(e);
                        }
                    }
                };
        return PgResult.rows(columns, rows, result::close);
    }

    private static String stripSemicolon(String sql) {
        String trimmed = sql.strip();
        while (trimmed.endsWith(";")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1).strip();
        }
        return trimmed;
    }

    private static int offsetOf(String sql, org.apache.calcite.sql.parser.SqlParserPos pos) {
        return io.sluice.planner.Positions.offset(sql, pos);
    }

    // ---- session plumbing

    @Override
    public void cancel() {
        LakeCancellation cancellation = running;
        if (cancellation != null) {
            cancellation.cancel();
        }
        previews.forEach(PreviewStream::cancelIfReading);
    }

    @Override
    public Map<String, String> parameterStatus() {
        Map<String, String> status = new LinkedHashMap<>(parameters.reported());
        status.put("session_authorization", user);
        // Reported like Postgres 18 does, so catalog answers (current_schema()) follow SET.
        status.put("search_path", parameters.get("search_path"));
        return status;
    }

    @Override
    public List<PgNotice> pollNotices() {
        List<PgNotice> pending = List.copyOf(notices);
        notices.clear();
        return pending;
    }

    @Override
    public void close() {
        cancel();
        cursors.close();
        previews.forEach(PreviewStream::close);
        previews.clear();
    }
}

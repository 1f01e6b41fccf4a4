package io.sluice.planner;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.expr.Call;
import io.sluice.executor.expr.Expr;
import io.sluice.executor.expr.InputRef;
import io.sluice.executor.expr.Operator;
import io.sluice.executor.plan.CalcSpec;
import io.sluice.executor.plan.Column;
import io.sluice.executor.plan.OperatorSpec;
import io.sluice.executor.plan.PipelinePlan;
import io.sluice.executor.plan.RowSchema;
import io.sluice.executor.plan.SinkSpec;
import io.sluice.executor.plan.SourceSpec;
import io.sluice.executor.plan.SqlType;
import io.sluice.executor.plan.TypeKind;
import io.sluice.parser.SluiceParser;
import io.sluice.planner.calcite.CatalogSchema;
import io.sluice.planner.calcite.PlannerOperators;
import io.sluice.planner.calcite.RexToExpr;
import io.sluice.planner.calcite.SluiceConvertletTable;
import io.sluice.planner.calcite.SqlTreeCopier;
import io.sluice.planner.calcite.TableReferences;
import io.sluice.planner.calcite.ValidationErrors;
import io.sluice.planner.catalog.CatalogView;
import io.sluice.planner.catalog.ColumnClauses;
import io.sluice.planner.catalog.TableDefinition;
import io.sluice.planner.catalog.TableKind;
import io.sluice.planner.type.SluiceTypeFactory;
import io.sluice.planner.type.TypeMapping;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexLocalRef;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.sql2rel.SqlToRelConverter;

/**
 * Plans {@code INSERT INTO sink SELECT ... FROM source [WHERE ...]} into the executor's pipeline
 * plan: source, one calc (filter and projection), sink.
 *
 * <p>The chain is Calcite's validator, {@link SqlToRelConverter}, and a Hep program that merges
 * filters and projections into a single Calc; the result is then translated operator by operator. A
 * sink declared without columns takes the columns of the query: the query is validated first, its
 * row type adopted, and then the INSERT validated against it.
 */
public final class PipelinePlanner {
    /**
     * The Kafka source option naming the columns it fills from record metadata, as {@code
     * column=key,...}; derived from the table's METADATA FROM clauses.
     */
    public static final String METADATA_COLUMNS_OPTION = "metadata_columns";

    private static final Pattern GENERATED_NAME = Pattern.compile("EXPR\\$\\d+");

    private static final HepProgram PROGRAM =
            new HepProgramBuilder()
                    .addMatchOrder(HepMatchOrder.BOTTOM_UP)
                    .addRuleCollection(
                            List.of(
                                    CoreRules.FILTER_PROJECT_TRANSPOSE,
                                    CoreRules.FILTER_MERGE,
                                    CoreRules.PROJECT_MERGE,
                                    CoreRules.PROJECT_REMOVE))
                    .addRuleCollection(List.of(CoreRules.FILTER_TO_CALC, CoreRules.PROJECT_TO_CALC))
                    .addRuleInstance(CoreRules.CALC_MERGE)
                    .build();

    /**
     * Plans {@code insert}.
     *
     * @param sql the statement text, for error positions
     * @param pipelineName the pipeline the plan is for
     * @throws SluiceException for anything wrong with the statement, with its position
     */
    public PlannedInsert planInsert(
            String sql,
            SqlInsert insert,
            CatalogView catalog,
            String pipelineName,
            PlanOptions options) {
        requireNonNull(sql, "sql is null");
        requireNonNull(insert, "insert is null");
        requireNonNull(catalog, "catalog is null");
        requireNonNull(pipelineName, "pipelineName is null");
        requireNonNull(options, "options is null");

        TableDefinition sink = targetTable(sql, insert, catalog);
        checkSources(sql, insert.getSource(), catalog);

        SluiceTypeFactory typeFactory = new SluiceTypeFactory();
        SourceQuery query = validateSource(sql, insert.getSource(), catalog, typeFactory);
        RowSchema sinkSchema;
        Optional<RowSchema> inferred;
        if (sink.columns().isPresent()) {
            sinkSchema = sink.columns().get();
            checkAssignable(sql, query, sinkSchema, insert);
            inferred = Optional.empty();
        } else {
            sinkSchema = inferSchema(sql, query);
            inferred = Optional.of(sinkSchema);
        }

        CalciteCatalogReader reader =
                CatalogSchema.catalogReader(catalog, Map.of(sink.name(), sinkSchema), typeFactory);
        SqlValidator validator = newValidator(reader, typeFactory);
        RelNode logical;
        try {
            SqlNode validated = validator.validate(SqlTreeCopier.copy(insert));
            logical = toRel(validator, reader, typeFactory, validated);
        } catch (CalciteContextException e) {
            throw ValidationErrors.toSluiceException(sql, e);
        }
        HepPlanner hep = new HepPlanner(PROGRAM);
        hep.setRoot(logical);
        RelNode optimized = hep.findBestExp();

        List<OperatorSpec> operators =
                translate(
                        optimized, catalog, sink, sinkSchema, logical.getCluster().getRexBuilder());
        PipelinePlan plan =
                PipelinePlan.of(
                        pipelineName,
                        options.parallelism(),
                        options.checkpointInterval(),
                        operators);
        return new PlannedInsert(plan, inferred, RelOptUtil.toString(optimized));
    }

    private static TableDefinition targetTable(String sql, SqlInsert insert, CatalogView catalog) {
        SqlNode target = insert.getTargetTable();
        int position = Positions.offset(sql, target.getParserPosition());
        if (!(target instanceof SqlIdentifier identifier)) {
            throw new SluiceException(
                    ErrorCode.FEATURE_NOT_SUPPORTED,
                    "INSERT target must be a table name",
                    position,
                    null);
        }
        String name = String.join(".", identifier.names);
        TableDefinition table =
                catalog.table(name)
                        .orElseThrow(
                                () ->
                                        new SluiceException(
                                                ErrorCode.UNDEFINED_TABLE,
                                                "relation \"" + name + "\" does not exist",
                                                position,
                                                null));
        if (table.kind() != TableKind.SINK) {
            throw new SluiceException(
                    ErrorCode.FEATURE_NOT_SUPPORTED,
                    "cannot INSERT INTO "
                            + table.kind().name().toLowerCase(Locale.ROOT)
                            + " table "
                            + name
                            + "; pipelines write only sink tables",
                    position,
                    null);
        }
        if (insert.getTargetColumnList() != null && insert.getTargetColumnList().size() > 0) {
            throw new SluiceException(
                    ErrorCode.FEATURE_NOT_SUPPORTED,
                    "INSERT with a column list is not supported yet; select the sink's columns in"
                            + " order",
                    Positions.offset(sql, insert.getTargetColumnList().getParserPosition()),
                    null);
        }
        return table;
    }

    private static void checkSources(String sql, SqlNode source, CatalogView catalog) {
        for (TableReferences.Reference reference : TableReferences.collect(source)) {
            Optional<TableDefinition> table = catalog.table(reference.name());
            if (table.isPresent() && table.get().kind() != TableKind.SOURCE) {
                throw new SluiceException(
                        ErrorCode.FEATURE_NOT_SUPPORTED,
                        "pipelines read only source tables, and "
                                + reference.name()
                                + " is a "
                                + table.get().kind().name().toLowerCase(Locale.ROOT)
                                + " table",
                        Positions.offset(sql, reference.position()),
                        null);
            }
        }
    }

    /** The INSERT's query, validated on its own. */
    private record SourceQuery(SqlNode node, RelDataType rowType) {}

    private static SourceQuery validateSource(
            String sql, SqlNode source, CatalogView catalog, SluiceTypeFactory typeFactory) {
        CalciteCatalogReader reader = CatalogSchema.catalogReader(catalog, Map.of(), typeFactory);
        SqlValidator validator = newValidator(reader, typeFactory);
        try {
            SqlNode validated = validator.validate(SqlTreeCopier.copy(source));
            return new SourceQuery(validated, validator.getValidatedNodeType(validated));
        } catch (CalciteContextException e) {
            throw ValidationErrors.toSluiceException(sql, e);
        }
    }

    private static RowSchema inferSchema(String sql, SourceQuery query) {
        List<Column> columns = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<RelDataTypeField> fields = query.rowType().getFieldList();
        for (int i = 0; i < fields.size(); i++) {
            RelDataTypeField field = fields.get(i);
            int position = Positions.offset(sql, itemPosition(query.node(), i));
            if (GENERATED_NAME.matcher(field.getName()).matches()) {
                throw new SluiceException(
                        ErrorCode.SYNTAX_ERROR,
                        "column "
                                + (i + 1)
                                + " of the query has no name; name it with AS, since it becomes a"
                                + " column of the sink",
                        position,
                        null);
            }
            if (!names.add(field.getName())) {
                throw new SluiceException(
                        ErrorCode.DUPLICATE_OBJECT,
                        "column \"" + field.getName() + "\" specified more than once",
                        position,
                        null);
            }
            SqlType type;
            try {
                type = TypeMapping.fromRelDataType(field.getType());
            } catch (SluiceException e) {
                throw e.withPosition(position);
            }
            // A sink column is nullable: later pipelines may write rows this one never does.
            columns.add(new Column(field.getName(), type.withNullable(true)));
        }
        return new RowSchema(columns);
    }

    private static void checkAssignable(
            String sql, SourceQuery query, RowSchema sinkSchema, SqlInsert insert) {
        List<RelDataTypeField> fields = query.rowType().getFieldList();
        if (fields.size() != sinkSchema.size()) {
            int position =
                    fields.size() > sinkSchema.size()
                            ? Positions.offset(sql, itemPosition(query.node(), sinkSchema.size()))
                            : Positions.offset(sql, insert.getSource().getParserPosition());
            throw new SluiceException(
                    ErrorCode.SYNTAX_ERROR,
                    fields.size() > sinkSchema.size()
                            ? "INSERT has more expressions than target columns"
                            : "INSERT has more target columns than expressions",
                    position,
                    null);
        }
        for (int i = 0; i < fields.size(); i++) {
            Column target = sinkSchema.column(i);
            int position = Positions.offset(sql, itemPosition(query.node(), i));
            SqlType source;
            try {
                source = TypeMapping.fromRelDataType(fields.get(i).getType());
            } catch (SluiceException e) {
                throw e.withPosition(position);
            }
            if (!assignable(
                    source.kind(), target.type().kind(), isStringLiteral(query.node(), i))) {
                throw new SluiceException(
                        ErrorCode.DATATYPE_MISMATCH,
                        "column \""
                                + target.name()
                                + "\" is of type "
                                + target.type().sqlName().toLowerCase(Locale.ROOT)
                                + " but expression is of type "
                                + source.sqlName().toLowerCase(Locale.ROOT),
                        position,
                        null);
            }
        }
    }

    /**
     * Postgres' assignment rule, simplified: same kind, numeric to numeric, date and timestamps
     * among themselves, anything to text, and an untyped string literal to anything.
     */
    private static boolean assignable(TypeKind source, TypeKind target, boolean stringLiteral) {
        if (source == target || target == TypeKind.TEXT || stringLiteral) {
            return true;
        }
        return (isNumeric(source) && isNumeric(target))
                || (isDateTime(source) && isDateTime(target));
    }

    private static boolean isNumeric(TypeKind kind) {
        switch (kind) {
            case SMALLINT:
            case INTEGER:
            case BIGINT:
            case REAL:
            case DOUBLE:
            case DECIMAL:
                return true;
            default:
                return false;
        }
    }

    private static boolean isDateTime(TypeKind kind) {
        return kind == TypeKind.DATE || kind == TypeKind.TIMESTAMP || kind == TypeKind.TIMESTAMPTZ;
    }

    private static boolean isStringLiteral(SqlNode query, int item) {
        if (query instanceof SqlSelect select && item < select.getSelectList().size()) {
            SqlNode node = select.getSelectList().get(item);
            if (node instanceof SqlCall call && call.getKind() == SqlKind.AS) {
                node = call.operand(0);
            }
            return node instanceof SqlCharStringLiteral;
        }
        return false;
    }

    private static SqlParserPos itemPosition(SqlNode query, int item) {
        if (query instanceof SqlSelect select && item < select.getSelectList().size()) {
            return select.getSelectList().get(item).getParserPosition();
        }
        return query.getParserPosition();
    }

    private static SqlValidator newValidator(
            CalciteCatalogReader reader, SluiceTypeFactory typeFactory) {
        return SqlValidatorUtil.newValidator(
                PlannerOperators.operatorTable(),
                reader,
                typeFactory,
                SqlValidator.Config.DEFAULT
                        .withConformance(SqlConformanceEnum.BABEL)
                        .withIdentifierExpansion(true)
                        // Keeps COALESCE a call instead of a CASE expression.
                        .withCallRewrite(false));
    }

    private static RelNode toRel(
            SqlValidator validator,
            CalciteCatalogReader reader,
            SluiceTypeFactory typeFactory,
            SqlNode validated) {
        RelOptCluster cluster =
                RelOptCluster.create(new HepPlanner(PROGRAM), new RexBuilder(typeFactory));
        SqlToRelConverter converter =
                new SqlToRelConverter(
                        (rowType, queryString, schemaPath, viewPath) -> {
                            throw new UnsupportedOperationException("views are not supported");
                        },
                        validator,
                        reader,
                        cluster,
                        SluiceConvertletTable.INSTANCE,
                        SqlToRelConverter.config().withTrimUnusedFields(false).withExpand(false));
        return converter.convertQuery(validated, false, true).project();
    }

    private static List<OperatorSpec> translate(
            RelNode root,
            CatalogView catalog,
            TableDefinition sink,
            RowSchema sinkSchema,
            RexBuilder rexBuilder) {
        if (!(root instanceof TableModify modify)) {
            throw unsupported(root);
        }
        RelNode input = modify.getInput();
        Calc calc = null;
        if (input instanceof Calc found) {
            calc = found;
            input = found.getInput();
        }
        if (!(input instanceof TableScan scan)) {
            throw unsupported(input);
        }
        TableDefinition source = sourceTable(scan.getTable(), catalog);
        RowSchema tableSchema = source.columns().orElseThrow();
        ColumnClauses clauses = source.clauses();
        // Generated columns are not read: the calc computes them from the columns that are.
        List<Column> readColumns = new ArrayList<>();
        int[] readIndex = new int[tableSchema.size()];
        for (int i = 0; i < tableSchema.size(); i++) {
            Column column = tableSchema.column(i);
            if (clauses.generatedExpression(column.name()).isPresent()) {
                readIndex[i] = -1;
            } else {
                readIndex[i] = readColumns.size();
                readColumns.add(column);
            }
        }
        RowSchema sourceSchema = new RowSchema(readColumns);
        Map<Integer, Expr> generated = generatedColumns(source, tableSchema, sourceSchema, catalog);

        String sourceId = "source_" + source.name();
        String calcId = "calc";
        String sinkId = "sink_" + sink.name();

        RexToExpr rexToExpr = new RexToExpr(rexBuilder);
        Optional<Expr> condition = Optional.empty();
        List<Expr> projections = new ArrayList<>();
        if (calc == null) {
            for (int i = 0; i < tableSchema.size(); i++) {
                projections.add(
                        readTable(
                                new InputRef(i, tableSchema.column(i).type()),
                                readIndex,
                                generated));
            }
        } else {
            RexProgram program = calc.getProgram();
            RexLocalRef conditionRef = program.getCondition();
            if (conditionRef != null) {
                condition =
                        Optional.of(
                                readTable(
                                        rexToExpr.translate(program.expandLocalRef(conditionRef)),
                                        readIndex,
                                        generated));
            }
            for (RexLocalRef ref : program.getProjectList()) {
                projections.add(
                        readTable(
                                rexToExpr.translate(program.expandLocalRef(ref)),
                                readIndex,
                                generated));
            }
        }
        if (projections.size() != sinkSchema.size()) {
            throw new SluiceException(
                    ErrorCode.INTERNAL_ERROR,
                    "planned "
                            + projections.size()
                            + " columns for sink "
                            + sink.name()
                            + " of "
                            + sinkSchema.size()
                            + " columns");
        }
        List<Column> outputColumns = new ArrayList<>();
        for (int i = 0; i < projections.size(); i++) {
            Column target = sinkSchema.column(i);
            Expr expr = castTo(projections.get(i), target.type());
            projections.set(i, expr);
            outputColumns.add(new Column(target.name(), expr.type()));
        }
        return List.of(
                new SourceSpec(
                        sourceId,
                        source.name(),
                        source.connector(),
                        sourceOptions(source),
                        sourceSchema),
                new CalcSpec(
                        calcId,
                        List.of(sourceId),
                        condition,
                        projections,
                        new RowSchema(outputColumns)),
                new SinkSpec(
                        sinkId,
                        List.of(calcId),
                        sink.name(),
                        sink.connector(),
                        sink.options(),
                        sinkSchema));
    }

    /**
     * The source's options plus {@value #METADATA_COLUMNS_OPTION}, which tells the connector which
     * columns it fills from record metadata.
     */
    private static Map<String, String> sourceOptions(TableDefinition source) {
        if (source.clauses().metadata().isEmpty()) {
            return source.options();
        }
        StringJoiner metadata = new StringJoiner(",");
        source.clauses().metadata().forEach((column, key) -> metadata.add(column + "=" + key));
        Map<String, String> options = new LinkedHashMap<>(source.options());
        options.put(METADATA_COLUMNS_OPTION, metadata.toString());
        return options;
    }

    /**
     * An expression over the table's columns rewritten over the columns the source reads: a
     * reference to a generated column becomes its expression.
     */
    private static Expr readTable(Expr expr, int[] readIndex, Map<Integer, Expr> generated) {
        if (expr instanceof InputRef ref) {
            Expr computed = generated.get(ref.index());
            return computed != null ? computed : new InputRef(readIndex[ref.index()], ref.type());
        }
        if (expr instanceof Call call) {
            List<Expr> operands = new ArrayList<>();
            for (Expr operand : call.operands()) {
                operands.add(readTable(operand, readIndex, generated));
            }
            return new Call(call.operator(), operands, call.type());
        }
        return expr;
    }

    /**
     * The expressions of a table's generated columns, by column index, over the columns the source
     * reads. A generated column may use only columns that are read, not other generated ones.
     */
    static Map<Integer, Expr> generatedColumns(
            TableDefinition source,
            RowSchema tableSchema,
            RowSchema readSchema,
            CatalogView catalog) {
        Map<Integer, Expr> generated = new HashMap<>();
        for (int i = 0; i < tableSchema.size(); i++) {
            Column column = tableSchema.column(i);
            Optional<String> expression = source.clauses().generatedExpression(column.name());
            if (expression.isEmpty()) {
                continue;
            }
            String sql =
                    "SELECT "
                            + expression.get()
                            + " FROM \""
                            + source.name().replace("\"", "\"\"")
                            + "\"";
            SluiceTypeFactory typeFactory = new SluiceTypeFactory();
            CalciteCatalogReader reader =
                    CatalogSchema.catalogReader(
                            catalog, Map.of(source.name(), readSchema), typeFactory);
            SqlValidator validator = newValidator(reader, typeFactory);
            RelNode rel;
            try {
                SqlNode validated =
                        validator.validate(SqlTreeCopier.copy(SluiceParser.parseStatement(sql)));
                rel = toRel(validator, reader, typeFactory, validated);
            } catch (CalciteContextException | SluiceException e) {
                SluiceException cause =
                        e instanceof SluiceException sluice
                                ? sluice
                                : ValidationErrors.toSluiceException(
                                        sql, (CalciteContextException) e);
                throw new SluiceException(
                        cause.errorCode(),
                        "generated column \""
                                + column.name()
                                + "\" of table "
                                + source.name()
                                + " is invalid: "
                                + cause.getMessage());
            }
            if (!(rel instanceof Project project) || project.getProjects().size() != 1) {
                throw unsupported(rel);
            }
            Expr expr =
                    new RexToExpr(rel.getCluster().getRexBuilder())
                            .translate(project.getProjects().get(0));
            generated.put(i, castTo(expr, column.type()));
        }
        return generated;
    }

    /** {@code expr} converted to the sink column's type when its type differs. */
    private static Expr castTo(Expr expr, SqlType target) {
        SqlType type = expr.type();
        if (type.kind() == target.kind()
                && type.precision() == target.precision()
                && type.scale() == target.scale()) {
            return expr;
        }
        return new Call(Operator.CAST, List.of(expr), target.withNullable(type.nullable()));
    }

    private static TableDefinition sourceTable(RelOptTable table, CatalogView catalog) {
        List<String> names = table.getQualifiedName();
        String name = names.get(names.size() - 1);
        TableDefinition definition =
                catalog.table(name)
                        .orElseThrow(
                                () ->
                                        new SluiceException(
                                                ErrorCode.UNDEFINED_TABLE,
                                                "relation \"" + name + "\" does not exist"));
        if (definition.kind() != TableKind.SOURCE || definition.columns().isEmpty()) {
            throw new SluiceException(
                    ErrorCode.FEATURE_NOT_SUPPORTED,
                    "pipelines read only source tables, and " + name + " is not one");
        }
        return definition;
    }

    private static SluiceException unsupported(RelNode node) {
        String what = node.getRelTypeName().replaceFirst("^Logical", "");
        String feature;
        switch (what) {
            case "Aggregate":
                feature = "aggregation (GROUP BY)";
                break;
            case "Join":
            case "Correlate":
                feature = "JOIN";
                break;
            case "Sort":
                feature = "ORDER BY and LIMIT";
                break;
            case "Union":
            case "Intersect":
            case "Minus":
                feature = "set operations (UNION, INTERSECT, EXCEPT)";
                break;
            case "Values":
                feature = "a query over VALUES or with a constant-false condition";
                break;
            case "TableFunctionScan":
                feature = "table functions (windows)";
                break;
            default:
                feature = what;
        }
        return new SluiceException(
                ErrorCode.FEATURE_NOT_SUPPORTED, feature + " is not supported in pipelines yet");
    }
}
